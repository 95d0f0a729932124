// A screen's code: loaded once, known synchronously once loaded (so the shell draws it in the same
// task), and loaded again after a failure (so that a retry can succeed).
import { describe, expect, it } from 'vitest';
import { screenCode } from '../../src/features/shared/screen-code';

describe('screenCode', () => {
  it('loads once and then holds the module', async () => {
    let calls = 0;
    const code = screenCode(async () => ({ default: `module ${++calls}` }));
    expect(code.loaded).toBeNull();
    const [a, b] = await Promise.all([code.load(), code.load()]);
    expect(a).toBe(b);
    expect(code.loaded).toBe(a);
    await code.load();
    expect(calls).toBe(1);
  });

  it('after a failure, loads again when asked', async () => {
    let calls = 0;
    const code = screenCode(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return { default: 'page' };
    });
    await expect(code.load()).rejects.toThrow('offline');
    expect(code.loaded).toBeNull();
    await expect(code.load()).resolves.toEqual({ default: 'page' });
    expect(code.loaded).toEqual({ default: 'page' });
    expect(calls).toBe(2);
  });
});
