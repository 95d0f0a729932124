/**
 * In a department's copy (made from a department bundle) only what travels back to planning may be
 * edited: the fields a department fills in (bundle/department-fields.ts, the rule of
 * DEPARTMENT_FIELDS without the file schemas, so the first load carries no zod). Everything else is planning's,
 * and a returning file would not carry a change to it, so the screens show it read-only with a
 * short reason. StrategyShell provides the lock; the screens ask it per record kind and field.
 */
import { getContext, setContext } from 'svelte';
import { DEPARTMENT_FIELD_LISTS, departmentFills } from '../../bundle/department-fields';
import type { RecordKind } from '../../domain/workbook';

export interface DepartmentLock {
  /** The departments of this copy, or null on planning's own copy (nothing locked). */
  readonly departments: readonly string[] | null;
  /** Is this field of this kind read-only here? */
  locked(kind: RecordKind, field: string): boolean;
  /** Is every field of this kind read-only here (adding and deleting such records too)? */
  lockedKind(kind: RecordKind): boolean;
}

const KEY = Symbol('department-lock');

export function departmentLockFor(departments: () => readonly string[] | null): DepartmentLock {
  return {
    get departments() {
      return departments();
    },
    locked(kind, field) {
      return departments() !== null && !departmentFills(kind, field);
    },
    lockedKind(kind) {
      return departments() !== null && kind !== 'projectYears' && DEPARTMENT_FIELD_LISTS[kind].length === 0;
    },
  };
}

export function provideDepartmentLock(lock: DepartmentLock): void {
  setContext(KEY, lock);
}

const OPEN: DepartmentLock = { departments: null, locked: () => false, lockedKind: () => false };

/** The lock of the open strategy (nothing locked outside a strategy's screens). */
export function departmentLock(): DepartmentLock {
  return getContext<DepartmentLock | undefined>(KEY) ?? OPEN;
}
