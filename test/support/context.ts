import type { RecordContext } from '../../src/domain/records';

/** A deterministic record context: a clock that ticks one second per call, sequential ids. */
export function testContext(editor = '企画課 山田'): RecordContext & { tick: number } {
  let n = 0;
  const ctx = {
    tick: 0,
    editor,
    now() {
      ctx.tick++;
      return new Date(Date.UTC(2026, 3, 1, 0, 0, ctx.tick)).toISOString();
    },
    newId() {
      n++;
      return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    },
  };
  return ctx;
}
