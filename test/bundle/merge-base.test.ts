import { describe, expect, it } from 'vitest';
import { mergeBase, type BundleScope, type SyncHistory } from '../../src/bundle';

const dept: BundleScope = { kind: 'department', departments: ['商工課'] };

describe('mergeBase', () => {
  const history: SyncHistory = {
    sent: [{ exportId: 'e0', exportedAt: '2026-05-01T00:00:00.000Z', scope: dept, copyId: 'planning' }],
    received: [{ exportId: 'e1', exportedAt: '2026-05-10T00:00:00.000Z', scope: dept, copyId: 'shoko', takenAt: '2026-05-12T00:00:00.000Z' }],
  };

  it('starts "changed here" after the last file from the same copy was applied', () => {
    const base = mergeBase({ basedOn: { exportId: 'e0', exportedAt: '2026-05-01T00:00:00.000Z' }, copyId: 'shoko' }, history);
    expect(base.mine?.at).toBe('2026-05-12T00:00:00.000Z');
    expect(base.theirs?.at).toBe('2026-05-10T00:00:00.000Z');
  });

  it('keeps the export time when nothing came back from that copy yet', () => {
    const base = mergeBase({ basedOn: { exportId: 'e0', exportedAt: '2026-05-01T00:00:00.000Z' }, copyId: 'other' }, history);
    expect(base.mine?.at).toBe('2026-05-01T00:00:00.000Z');
    expect(base.theirs?.at).toBe('2026-05-01T00:00:00.000Z');
  });
});
