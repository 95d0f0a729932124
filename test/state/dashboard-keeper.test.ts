// When the dashboard's head is kept (state/dashboard-keeper.ts): once the records settle, only if
// what is kept is no longer valid and the device has room to spare, and one keeping at a time.
import { describe, expect, it } from 'vitest';
import { DashboardKeeper } from '../../src/state/dashboard-keeper';
import type { ComputedKept } from '../../src/storage/compute-kept';

function keeper(valid: () => boolean, fail = false, room = true) {
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const calls: string[] = [];
  const computed = { marks: { write: 'm', openedBy: null }, head: {}, schema: 30 } as unknown as ComputedKept;
  const k = new DashboardKeeper({
    isKept: async (sid) => (calls.push(`isKept ${sid}`), valid()),
    compute: async (sid) => {
      calls.push(`compute ${sid}`);
      if (fail) throw new Error('worker gone');
      return computed;
    },
    keep: async (sid, c) => (calls.push(`keep ${sid} ${c === computed}`), true),
    hasRoom: async () => (calls.push('hasRoom'), room),
    later: (run, ms) => {
      const t = { run, ms, cancelled: false };
      timers.push(t);
      return () => void (t.cancelled = true);
    },
  });
  const fire = async () => {
    for (const t of timers.splice(0)) if (!t.cancelled) t.run();
    await k.running;
  };
  return { k, timers, calls, fire };
}

describe('dashboard keeper', () => {
  it('keeps once the records settle: several changes, one keeping, after the last', async () => {
    const { k, timers, calls, fire } = keeper(() => false);
    k.changed('s1');
    k.changed('s1');
    k.changed('s1');
    expect(timers.filter((t) => !t.cancelled)).toHaveLength(1);
    expect(timers[0]!.ms).toBe(3000);
    expect(calls).toEqual([]);
    await fire();
    expect(calls).toEqual(['isKept s1', 'hasRoom', 'compute s1', 'keep s1 true']);
  });

  it('keeps nothing, and reads nothing for it, on a device without room to spare', async () => {
    const { k, calls, fire } = keeper(() => false, false, false);
    k.changed('s1');
    await fire();
    expect(calls).toEqual(['isKept s1', 'hasRoom']);
  });

  it('spends no read when what is kept is still valid', async () => {
    const { k, calls, fire } = keeper(() => true);
    k.changed('s1');
    await fire();
    expect(calls).toEqual(['isKept s1']);
  });

  it('a failing worker keeps nothing and throws nothing', async () => {
    const { k, calls, fire } = keeper(() => false, true);
    k.changed('s1');
    await fire();
    expect(calls).toEqual(['isKept s1', 'hasRoom', 'compute s1']);
  });
});
