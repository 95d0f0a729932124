import { describe, expect, it } from 'vitest';
import { nextProjectNumber, projectYearToOpen } from '../../src/domain/entities/project';

describe('nextProjectNumber', () => {
  it('counts on from the last numbered sibling, keeping its form and padding', () => {
    expect(nextProjectNumber(['1', '2', '3'])).toBe('4');
    expect(nextProjectNumber(['1-01', '1-02'])).toBe('1-03');
    expect(nextProjectNumber(['A-9'])).toBe('A-10');
    expect(nextProjectNumber(['1-09', '（別掲）'])).toBe('1-10');
  });
  it('starts at `first` when no sibling has a number', () => {
    expect(nextProjectNumber([], '2-01')).toBe('2-01');
    expect(nextProjectNumber(['', '別掲'])).toBe('1');
  });
});

describe('projectYearToOpen', () => {
  const years = [2020, 2021, 2022, 2023, 2024];
  it('opens on the evaluation year', () => {
    expect(projectYearToOpen({ periodStart: null, periodEnd: null }, years, 2022)).toBe(2022);
  });
  it("moves into the project's own period and the plan's years", () => {
    expect(projectYearToOpen({ periodStart: 2023, periodEnd: null }, years, 2021)).toBe(2023);
    expect(projectYearToOpen({ periodStart: null, periodEnd: 2021 }, years, 2023)).toBe(2021);
    expect(projectYearToOpen({ periodStart: null, periodEnd: null }, years, 2030)).toBe(2024);
  });
});
