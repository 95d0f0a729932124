/**
 * Spreadsheets (CSV and .xlsx): export the KPI table and the progress table, and import a sheet
 * into a new or the open strategy through a column mapping and a preview. Pure logic; the screen
 * is src/features/spreadsheets, storage goes through the repositories. See docs/spreadsheets.md.
 */
export * from './csv';
export * from './table';
export * from './values';
export * from './export';
export * from './headers';
export * from './read';
export * from './plan';
export * from './messages';
export * from './load';
export * from './xlsx';
export * from './xlsx-read';
export * from './session';
export * from './crosstab';
export * from './layout';
