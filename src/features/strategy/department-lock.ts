/**
 * In a department's copy (made from a department bundle) only what travels back to planning may be
 * edited: the fields of DEPARTMENT_FIELDS (bundle/department.ts). Everything else is planning's,
 * and a returning file would not carry a change to it, so the screens show it read-only with a
 * short reason. StrategyShell provides the lock; the screens ask it per record kind and field.
 */
import { getContext, setContext } from 'svelte';
import { DEPARTMENT_FIELDS } from '../../bundle/department';
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
      return departments() !== null && !DEPARTMENT_FIELDS[kind].includes(field);
    },
    lockedKind(kind) {
      return departments() !== null && DEPARTMENT_FIELDS[kind].length === 0;
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
