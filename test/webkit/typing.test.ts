// Typing as a person types, in WebKit (the engine of every browser on an iPad): tap a filled cell,
// type the new value key by key (full-width digits, 万 and 千 included), Enter or Tab. What is typed
// replaces the old value; it is never inserted into it (「1,823件」 + 「１，９００件」 must not become
// 「1,823１，９００件件」).
import { describe, expect, test } from 'vitest';
import { Keys, openApp, until } from './support/app';

describe('typing into filled KPI cells by tap and keys', () => {
  test('「1,823件」 tapped, 「１，９００件」 typed, Enter: stores 1,900件 and keeps it across a reload', async () => {
    const app = await openApp();
    await app.startWithSample();
    await app.openProject(/関市ビジネスサポートセンター事業/);
    await app.expectValue('cell-actual-2020', '1,823件');
    await app.typeInto(await app.find('cell-actual-2020'), '１，９００件');
    await app.expectValue('cell-actual-2020', '1,900件');
    // A target, with 万 and left by Tab.
    await app.typeInto(await app.find('cell-target-2021'), '２万件', 'Tab');
    await app.expectValue('cell-target-2021', '20,000件以上');
    await app.saved();
    await app.screenshot('typed-cells-1024x768');

    await app.session.refresh();
    await app.find('project-heading');
    await app.expectValue('cell-actual-2020', '1,900件');
    await app.expectValue('cell-target-2021', '20,000件以上');
    expect(await app.errors()).toEqual([]);
  });

  test('a value in 千人 typed with 千, and a second tap in the same cell places the caret to correct one digit', async () => {
    const app = await openApp();
    await app.startWithSample();
    await app.openProject(/市内全域の観光|刃物ミュージアム/);
    await app.typeInto(await app.find('cell-actual-2020'), '2,400千人');
    await app.expectValue('cell-actual-2020', '2,400千人');
    await app.saved();

    // Enter kept the focus in this cell (the KPI has no row below); a tap elsewhere leaves it.
    await app.tapTestId('project-heading');
    const cell = await app.find('cell-actual-2020');
    await app.session.tap(cell);
    const selection = () => app.session.execute<[number, number, number]>('const e = arguments[0]; return [e.selectionStart, e.selectionEnd, e.value.length];', cell);
    // WebKit moves the caret after the release: give it time, then the whole value must still be selected.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const first = await selection();
    expect(first).toEqual([0, first[2], first[2]]);
    await app.session.tap(cell);
    await until(selection, ([start, end]) => start === end, 'a caret after the second tap');
    // Escape leaves the stored value as it was.
    await app.session.type(`9${Keys.Escape}`);
    await app.expectValue('cell-actual-2020', '2,400千人');
    expect(await app.errors()).toEqual([]);
  });

  test('an unreadable value typed into a filled cell is refused with a Japanese message; the stored value stays', async () => {
    const app = await openApp();
    await app.startWithSample();
    await app.openProject(/空き家バンク事業/);
    await app.expectValue('cell-actual-2020', '10人');
    await app.typeInto(await app.find('cell-actual-2020'), 'たくさん');
    const message = await app.session.find('[data-testid="grid-error"]', { text: /「たくさん」.*読めません/ });
    expect(await app.session.text(message)).toMatch(/「たくさん」/);
    await app.session.type(Keys.Tab);
    await app.expectValue('cell-actual-2020', '10人');
    expect(await app.errors()).toEqual([]);
  });
});
