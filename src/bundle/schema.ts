/**
 * The JSON Schema of the bundle format, generated from the zod write shape (format.ts), so that the
 * published schema and the program cannot drift apart. docs/bundle-format.schema.json is its output;
 * test/bundle/schema.test.ts fails when that file is stale and rewrites it with UPDATE_SCHEMA=1.
 * The field descriptions are the app's field labels, passed in (this layer holds no words).
 */
import { z } from 'zod';
import type { RecordKind } from '../domain/workbook';
import { FORMAT_ID, FORMAT_VERSION, envelopeWriteSchema, schemaIds } from './format';
import { encryptedEnvelopeSchema } from './crypto';

const DEF_KINDS: Readonly<Record<string, RecordKind>> = {
  Strategy: 'strategies',
  Goal: 'goals',
  Measure: 'measures',
  Project: 'projects',
  Kpi: 'kpis',
  KpiYear: 'kpiYears',
  ProjectYear: 'projectYears',
  Meeting: 'meetings',
  Opinion: 'opinions',
};

type JsonSchema = { [key: string]: unknown };

/** A field's label (「事業名」), or the field itself when it has none. */
export type FieldLabeller = (kind: RecordKind, field: string) => string;

/** The JSON Schema (draft 2020-12) of a bundle file as this app writes it, fields described by `fieldLabel`. */
export function bundleJsonSchema(fieldLabel: FieldLabeller): JsonSchema {
  const generated = z.toJSONSchema(envelopeWriteSchema, {
    target: 'draft-2020-12',
    metadata: schemaIds,
    reused: 'inline',
    unrepresentable: 'throw',
  }) as JsonSchema;
  const defs = (generated['$defs'] ?? {}) as Record<string, JsonSchema>;
  for (const [name, kind] of Object.entries(DEF_KINDS)) {
    const properties = defs[name]?.['properties'] as Record<string, JsonSchema> | undefined;
    if (!properties) continue;
    for (const [field, schema] of Object.entries(properties)) {
      const label = fieldLabel(kind, field);
      if (label !== field && !('description' in schema)) schema['description'] = label;
    }
  }
  const encrypted = z.toJSONSchema(encryptedEnvelopeSchema, { target: 'draft-2020-12', unrepresentable: 'throw' }) as JsonSchema;
  delete encrypted['$schema'];
  encrypted['description'] =
    'A password-protected bundle (a separate file format, see docs/bundle-format.md): AES-256-GCM, key from PBKDF2-HMAC-SHA-256.';
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: `総合戦略ワークブック bundle file (${FORMAT_ID}, version ${FORMAT_VERSION})`,
    description:
      'One strategy (地方版総合戦略) with its records, as written by the app. Generated from the zod schemas; see docs/bundle-format.md for the meaning of every field, the checksum, merging and the limits.',
    ...rest,
    $defs: { ...defs, PasswordProtectedFile: encrypted },
  };
}

/** The schema file's text, as committed in docs/. */
export function bundleJsonSchemaText(fieldLabel: FieldLabeller): string {
  return `${JSON.stringify(bundleJsonSchema(fieldLabel), null, 2)}\n`;
}
