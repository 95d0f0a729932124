/**
 * 返送状況: for each department, when planning last sent it its file, and whether (when, by whom)
 * a file came back from it since. Read from the log of files a device sent and took in; a returned
 * file is one written by a department's copy (scope `department`) naming that department.
 */
import type { BundleScope } from './format';

/** One file in the log (the fields of storage's SyncLogRow this needs). */
export interface LoggedFile {
  direction: 'sent' | 'received';
  scope: BundleScope;
  exportedAt: string;
  loggedAt: string;
  fileName: string;
  exportedBy?: string | undefined;
}

export interface DepartmentReturn {
  department: string;
  /** The latest file sent to the department, or null. */
  sent: LoggedFile | null;
  /** The latest file taken in from the department written after `sent` (any, when none was sent). */
  returned: LoggedFile | null;
}

const names = (scope: BundleScope) => (scope.kind === 'department' ? scope.departments : []);

/** The 返送状況 of `departments` from the log `files` (any order). */
export function returnStatus(departments: readonly string[], files: readonly LoggedFile[]): DepartmentReturn[] {
  const byTime = [...files].sort((a, b) => a.loggedAt.localeCompare(b.loggedAt));
  return departments.map((department) => {
    const mine = byTime.filter((f) => names(f.scope).includes(department));
    const sent = mine.filter((f) => f.direction === 'sent').at(-1) ?? null;
    const returned =
      mine.filter((f) => f.direction === 'received' && (sent === null || f.exportedAt.localeCompare(sent.exportedAt) >= 0)).at(-1) ?? null;
    return { department, sent, returned };
  });
}

/** Is a file being picked a department's return (rather than a whole strategy or a first copy)? */
export function isDepartmentReturn(scope: BundleScope, ownCopyIsDepartment: boolean): boolean {
  return scope.kind === 'department' && !ownCopyIsDepartment;
}
