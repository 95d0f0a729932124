// docs/bundle-format.schema.json is generated from the zod write shape. This test fails when the
// committed file is stale; regenerate it with
//   UPDATE_SCHEMA=1 npx vitest run --project unit test/bundle/schema.test.ts
// If it failed because an entity schema changed, the bundle format changed too: bump FORMAT_VERSION
// and add a migration (see the comment on FORMAT_VERSION in src/bundle/format.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bundleJsonSchema, bundleJsonSchemaText } from '../../src/bundle/schema';
import { ENTITY_SCHEMAS } from '../../src/bundle/format';
import { fieldLabel } from '../../src/features/shared/record-words';

const schemaFile = new URL('../../docs/bundle-format.schema.json', import.meta.url);

describe('docs/bundle-format.schema.json', () => {
  it('is the schema generated from the current zod schemas', () => {
    const generated = bundleJsonSchemaText(fieldLabel);
    if (process.env['UPDATE_SCHEMA']) writeFileSync(schemaFile, generated);
    let committed = '';
    try {
      committed = readFileSync(schemaFile, 'utf8');
    } catch {
      // missing: reported by the comparison below
    }
    expect(committed, 'docs/bundle-format.schema.json is stale: run UPDATE_SCHEMA=1 npx vitest run --project unit test/bundle/schema.test.ts').toBe(generated);
  });

  it('defines every record kind, requires every field, allows no others, and labels every field', () => {
    const schema = bundleJsonSchema(fieldLabel) as { $defs: Record<string, { properties: Record<string, { description?: string }>; required: string[]; additionalProperties: boolean }> };
    const defs = schema.$defs;
    const names: Record<string, keyof typeof ENTITY_SCHEMAS> = {
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
    for (const [name, kind] of Object.entries(names)) {
      const def = defs[name]!;
      const fields = Object.keys(ENTITY_SCHEMAS[kind].shape);
      expect(Object.keys(def.properties).sort()).toEqual([...fields].sort());
      // Fields added in version 3 are optional (absent = their old meaning); every other is required.
      const shape = ENTITY_SCHEMAS[kind].shape as Record<string, z.ZodType>;
      const required = fields.filter((f) => !(shape[f] instanceof z.ZodOptional));
      expect([...def.required].sort()).toEqual(required.sort());
      expect(def.additionalProperties).toBe(false);
      for (const [field, property] of Object.entries(def.properties)) expect(property.description, `${name}.${field}`).toBeTruthy();
    }
    expect(Object.values(names).sort(), 'every record kind has its definition').toEqual(Object.keys(ENTITY_SCHEMAS).sort());
    expect(defs['Measurement']).toBeDefined();
    expect(defs['PasswordProtectedFile']).toBeDefined();
  });
});
