import { describe, expect, it } from 'vitest';
import { returnStatus, type LoggedFile } from '../../src/bundle/return-status';

const dept = (...departments: string[]) => ({ kind: 'department' as const, departments });
const file = (direction: LoggedFile['direction'], scope: LoggedFile['scope'], at: string, by = ''): LoggedFile => ({
  direction,
  scope,
  exportedAt: at,
  loggedAt: at,
  fileName: `${direction}-${at}.json`,
  exportedBy: by,
});

describe('returnStatus', () => {
  it('says not sent, sent and waiting, or returned (when, by whom) per department', () => {
    const log = [
      file('sent', dept('商工課'), '2026-05-01T00:00:00Z'),
      file('sent', dept('農林課', '観光課'), '2026-05-02T00:00:00Z'),
      file('received', dept('商工課'), '2026-05-10T00:00:00Z', '商工課 佐藤'),
      file('sent', { kind: 'strategy' }, '2026-05-11T00:00:00Z'),
    ];
    const s = returnStatus(['商工課', '農林課', '観光課', '企画広報課'], log);
    expect(s[0]!.sent?.exportedAt).toBe('2026-05-01T00:00:00Z');
    expect(s[0]!.returned?.exportedBy).toBe('商工課 佐藤');
    expect(s[1]!.sent?.exportedAt).toBe('2026-05-02T00:00:00Z');
    expect(s[1]!.returned).toBeNull();
    expect(s[2]!.sent).not.toBeNull();
    expect(s[3]).toEqual({ department: '企画広報課', sent: null, returned: null });
  });

  it('does not count a return older than the file sent since as its answer', () => {
    const log = [
      file('sent', dept('商工課'), '2025-05-01T00:00:00Z'),
      file('received', dept('商工課'), '2025-05-20T00:00:00Z'),
      file('sent', dept('商工課'), '2026-05-01T00:00:00Z'),
    ];
    const [s] = returnStatus(['商工課'], log);
    expect(s!.sent?.exportedAt).toBe('2026-05-01T00:00:00Z');
    expect(s!.returned).toBeNull();
  });
});
