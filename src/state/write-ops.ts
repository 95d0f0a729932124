/**
 * A write the UI asks for, as plain data. Writes typed into text fields are journaled as these
 * (see draft-journal.ts) before they reach IndexedDB, so a closed tab cannot lose them.
 */
import type { Editable } from '../domain/records';
import type { KpiYear } from '../domain/entities/kpi-year';
import type { ProjectYear } from '../domain/entities/project-year';
import type { RecordKind, RecordOfKind } from '../domain/workbook';
import type { WorkbookRepository } from '../storage/workbook-repository';

export type WriteOp =
  | { op: 'update'; kind: RecordKind; id: string; patch: Record<string, unknown> }
  | { op: 'kpiYear'; strategyId: string; kpiId: string; fiscalYear: number; patch: Partial<Editable<KpiYear>> }
  | { op: 'projectYear'; strategyId: string; projectId: string; fiscalYear: number; patch: Partial<Editable<ProjectYear>> };

/** A key that identifies the field(s) a write touches, so later writes to the same field replace earlier ones. */
export function writeKey(op: WriteOp): string {
  const fields = Object.keys(op.patch).sort().join(',');
  switch (op.op) {
    case 'update':
      return `u:${op.kind}:${op.id}:${fields}`;
    case 'kpiYear':
      return `k:${op.kpiId}:${op.fiscalYear}:${fields}`;
    case 'projectYear':
      return `p:${op.projectId}:${op.fiscalYear}:${fields}`;
  }
}

/** Performs a write through the repository. */
export async function applyWrite(repo: WorkbookRepository, op: WriteOp): Promise<void> {
  switch (op.op) {
    case 'update':
      await repo.update(op.kind, op.id, op.patch as Partial<Editable<RecordOfKind[typeof op.kind]>>);
      return;
    case 'kpiYear':
      await repo.upsertKpiYear(op.strategyId, op.kpiId, op.fiscalYear, op.patch);
      return;
    case 'projectYear':
      await repo.upsertProjectYear(op.strategyId, op.projectId, op.fiscalYear, op.patch);
      return;
  }
}
