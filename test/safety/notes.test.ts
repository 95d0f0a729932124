import { describe, expect, it } from 'vitest';
import { SafetyNotes, detectLoss, markerFor } from '../../src/safety/notes';
import { MemoryStorage } from './support';

const known = [
  { id: 's1', name: '第2期総合戦略', municipality: '関市' },
  { id: 's2', name: '第3期総合戦略', municipality: '関市' },
];

describe('the data marker', () => {
  it('is kept in localStorage and read back', () => {
    const storage = new MemoryStorage();
    const notes = new SafetyNotes(storage);
    notes.setMarker(markerFor(known, '2026-04-01T00:00:00.000Z', false));
    expect(new SafetyNotes(storage).marker()).toEqual({ strategies: known, seenAt: '2026-04-01T00:00:00.000Z', persisted: false });
    notes.setMarker(markerFor([], '2026-04-02T00:00:00.000Z', true));
    expect(storage.map.size).toBe(0);
  });

  it('survives broken or missing storage', () => {
    const storage = new MemoryStorage();
    storage.setItem('senryaku-workbook:data-marker', '{not json');
    expect(new SafetyNotes(storage).marker()).toBeNull();
    const none = new SafetyNotes(null);
    none.setMarker(markerFor(known, 'x', null));
    expect(none.marker()).toBeNull();
    const throwing = { getItem: () => { throw new Error('blocked'); }, setItem: () => { throw new Error('blocked'); }, removeItem: () => {} };
    const blocked = new SafetyNotes(throwing);
    expect(() => blocked.setExport('s1', { at: 'x', fileName: 'f' })).not.toThrow();
    expect(blocked.exports()).toEqual({});
  });

  it('keeps the newest export of each strategy', () => {
    const notes = new SafetyNotes(new MemoryStorage());
    notes.setExport('s1', { at: '2026-04-02T00:00:00Z', fileName: 'b.json' });
    notes.setExport('s1', { at: '2026-04-01T00:00:00Z', fileName: 'a.json' });
    notes.setExport('s2', { at: '2026-04-01T00:00:00Z', fileName: 'c.json' });
    expect(notes.exports()).toEqual({ s1: { at: '2026-04-02T00:00:00Z', fileName: 'b.json' }, s2: { at: '2026-04-01T00:00:00Z', fileName: 'c.json' } });
  });
});

describe('detectLoss', () => {
  const marker = markerFor(known, '2026-04-01T00:00:00.000Z', false);
  const exports = { s1: { at: '2026-03-30T00:00:00Z', fileName: '関市_第2期総合戦略_2026-03-30.json' } };

  it('reports a loss when IndexedDB has no strategy row at all but the marker lists some', () => {
    expect(detectLoss(marker, 0, exports)).toEqual({
      strategies: known,
      seenAt: '2026-04-01T00:00:00.000Z',
      persisted: false,
      exports: [{ strategyId: 's1', at: '2026-03-30T00:00:00Z', fileName: '関市_第2期総合戦略_2026-03-30.json' }],
    });
  });

  it('says nothing when strategies were deleted on purpose (tombstones remain) or there never were any', () => {
    expect(detectLoss(marker, 2, exports)).toBeNull();
    expect(detectLoss(null, 0, exports)).toBeNull();
    expect(detectLoss(markerFor([], 'x', null), 0, {})).toBeNull();
  });
});
