/**
 * How a snapshot keeps a whole strategy: its records as one JSON Blob (`payload`) beside a short
 * summary of what it holds. Before, a snapshot row held the records themselves; those rows are
 * still read (see `unpackSnapshot`, `summaryOf`).
 *
 * Why a Blob: writing the records as one IndexedDB value makes the page encode every record
 * (about 0.2 s for 1,000 KPIs, more on a tablet), and Chromium refuses single values over about
 * 127 MB. A Blob is stored as a file and the row stays small; the reader worker builds it off the
 * page (WorkbookReader.pack). Listing snapshots reads the summaries, never the records.
 */
import type { WorkbookRecords } from '../domain/workbook';
import { blobsStorable, probeBlobStorage, storedText } from './blob-storage';

/** What the settings view shows of a snapshot without reading its records. */
export interface SnapshotSummary {
  /** 「関市 第2期関市まち・ひと・しごと創生総合戦略」 */
  strategyName: string;
  /** Live (not deleted) records it holds. */
  counts: { goals: number; projects: number; kpis: number; years: number; opinions: number };
  /** Size of its records as JSON in bytes (UTF-8): about the size of an export of it. */
  bytes: number;
}

/** A snapshot's records as stored: a Blob, or text where Blobs cannot be stored (blob-storage.ts). */
export interface PackedSnapshot {
  payload: Blob | string;
  summary: SnapshotSummary;
}

/** What a snapshot row holds: the packed records, or (rows written before) the records themselves. */
export interface SnapshotContent {
  payload?: Blob | string;
  summary?: SnapshotSummary;
  records?: WorkbookRecords;
}

const live = <T extends { deletedAt: string | null }>(list: readonly T[]) => list.filter((r) => r.deletedAt === null).length;

function summarize(records: WorkbookRecords, bytes: number): SnapshotSummary {
  return {
    strategyName: `${records.strategy.municipality} ${records.strategy.name}`.trim(),
    counts: {
      goals: live(records.goals),
      projects: live(records.projects),
      kpis: live(records.kpis),
      years: live(records.kpiYears) + live(records.projectYears),
      opinions: live(records.opinions),
    },
    bytes,
  };
}

/** Packs a strategy's records for a snapshot (synchronous: usable inside a write transaction). */
export function packSnapshot(records: WorkbookRecords): PackedSnapshot {
  const json = JSON.stringify(records);
  const blob = new Blob([json], { type: 'application/json' });
  return { payload: blobsStorable() ? blob : json, summary: summarize(records, blob.size) };
}

/** `packed` as this browser can store it (a Blob packed by the reader worker becomes text where needed). */
export async function storablePacked(packed: PackedSnapshot): Promise<PackedSnapshot> {
  if ((await probeBlobStorage()) || typeof packed.payload === 'string') return packed;
  return { ...packed, payload: await packed.payload.text() };
}

/** The summary of a snapshot row (computed from the records for rows written before summaries). */
export function summaryOf(row: SnapshotContent): SnapshotSummary {
  if (row.summary) return row.summary;
  if (row.records) return summarize(row.records, new Blob([JSON.stringify(row.records)]).size);
  throw new Error('snapshot without records');
}

/** The records a snapshot row holds. */
export async function unpackSnapshot(row: SnapshotContent): Promise<WorkbookRecords> {
  if (row.payload) return JSON.parse(await storedText(row.payload)) as WorkbookRecords;
  if (row.records) return row.records;
  throw new Error('snapshot without records');
}
