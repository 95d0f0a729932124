// The app's one undo history: every undoable action goes through it, and an entry is undone once.
import { describe, expect, it } from 'vitest';
import { UNDO_HISTORY_SIZE, UndoHistory } from '../../src/state/undo-history.svelte';

describe('UndoHistory', () => {
  it('shows the newest offer, undoes an entry once, by whichever route comes first', async () => {
    const h = new UndoHistory();
    let runs = 0;
    const a = h.offer('削除しました', async () => void runs++, { strategyId: 's1' });
    const b = h.offer('取り込みました', async () => void (runs += 10));
    expect(h.latest).toBe(b);
    expect(await h.undo(a)).toBe(true);
    expect(runs).toBe(1);
    expect(h.latest).toBe(b); // undoing an older entry leaves the toast's
    expect(await h.undo(a)).toBe(false);
    expect(runs).toBe(1);
    expect(h.undoneIds.has(a.id)).toBe(true);
    expect(await h.undo()).toBe(true);
    expect(runs).toBe(11);
    expect(h.latest).toBeNull();
  });

  it('keeps an entry whose undo failed, with the message for the person; rethrows what it cannot word', async () => {
    const h = new UndoHistory();
    let fail: Error | null = new Error('changed since');
    const e = h.offer('取り込みました', async () => {
      if (fail) throw fail;
    }, { failureText: (err) => (err instanceof Error && err.message === 'changed since' ? '変更された記録があるため元に戻しませんでした' : null) });
    expect(await h.undo(e)).toBe(false);
    expect(h.failure).toBe('変更された記録があるため元に戻しませんでした');
    expect(h.canUndo(e)).toBe(true);
    fail = new Error('disk on fire');
    await expect(h.undo(e)).rejects.toThrow('disk on fire');
    expect(h.canUndo(e)).toBe(true);
    fail = null;
    expect(await h.undo(e)).toBe(true);
    expect(h.canUndo(e)).toBe(false);
  });

  it('holds a bounded number of entries, and forgets a strategy’s', async () => {
    const h = new UndoHistory();
    const first = h.offer('0', async () => undefined, { strategyId: 'a' });
    for (let i = 1; i <= UNDO_HISTORY_SIZE; i++) h.offer(String(i), async () => undefined, { strategyId: i % 2 ? 'a' : 'b' });
    expect(h.canUndo(first)).toBe(false);
    h.forget('b');
    expect(h.latest).toBeNull();
    expect(await h.undo()).toBe(false);
  });
});
