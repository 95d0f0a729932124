import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleFileName, localDate, sanitizeFileNamePart, serializeBundle, shortStrategyName } from '../../src/bundle/serialize';
import { parseBundle } from '../../src/bundle/parse';
import { canonicalJson } from '../../src/bundle/canonical';
import { FORMAT_ID, FORMAT_VERSION, envelopeWriteSchema } from '../../src/bundle/format';
import { applyPatch, markDeleted } from '../../src/domain/records';
import { clone, exportOptions, sample } from './helpers';

describe('serializeBundle', () => {
  it('writes the sample in the strict write shape, and reading it gives back the same records', async () => {
    const { records } = sample();
    const out = await serializeBundle(records, exportOptions());
    const written = JSON.parse(out.json) as Record<string, unknown>;
    expect(envelopeWriteSchema.safeParse(written).success).toBe(true);
    expect(written['format']).toBe(FORMAT_ID);
    expect(written['formatVersion']).toBe(FORMAT_VERSION);

    const parsed = await parseBundle(out.json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.records).toEqual(records);
    expect(parsed.value.meta).toEqual({
      format: FORMAT_ID,
      formatVersion: FORMAT_VERSION,
      appVersion: '0.1.0',
      exportId: 'export-0001',
      exportedAt: '2026-05-20T01:00:00.000Z',
      exportedBy: '企画課 山田',
      copyId: 'copy-planning-0001',
      scope: { kind: 'strategy' },
      basedOn: null,
    });
    expect(parsed.value.fileFormatVersion).toBe(FORMAT_VERSION);
    expect(parsed.value.migrations).toEqual([]);
  });

  it('round-trips tombstones, edited stamps, every kind of value and a department scope', async () => {
    const { records, ctx } = sample();
    ctx.editor = '商工課 佐藤';
    const kpiYear = records.kpiYears[0]!;
    records.kpiYears[0] = applyPatch(ctx, kpiYear, {
      actual: { value: 1234.5, remark: '見込み', approximate: true, provisional: true, statPeriod: '令和2年' },
      target: { value: null, status: 'collecting' },
    });
    records.projects[1] = markDeleted(ctx, records.projects[1]!, 'batch-1');
    records.projectYears[0] = applyPatch(ctx, records.projectYears[0]!, { budget: 1500, effectiveness: 'effective', policy: 'improve' });
    const out = await serializeBundle(records, exportOptions({ basedOn: { exportId: 'e-0', exportedAt: '2026-05-01T00:00:00.000Z' } }));
    const parsed = await parseBundle(out.json);
    expect(parsed.ok && parsed.value.records).toEqual(records);
    expect(parsed.ok && parsed.value.meta.basedOn).toEqual({ exportId: 'e-0', exportedAt: '2026-05-01T00:00:00.000Z' });

    const dept = await serializeBundle(records, exportOptions({ scope: { kind: 'department', departments: ['商工課'] } }));
    const parsedDept = await parseBundle(dept.json);
    expect(parsedDept.ok && parsedDept.value.meta.scope).toEqual({ kind: 'department', departments: ['商工課'] });
    expect(parsedDept.ok && parsedDept.value.records).toEqual(dept.records);
  });

  it('does not change the records it is given', async () => {
    const { records } = sample();
    const before = clone(records);
    await serializeBundle(records, exportOptions({ scope: { kind: 'department', departments: ['商工課'] } }));
    expect(records).toEqual(before);
  });

  it('writes only the keys of the write shape (nothing a stored object carries besides)', async () => {
    const { records } = sample();
    const withExtras = clone(records) as unknown as { goals: Record<string, unknown>[]; kpiYears: Record<string, unknown>[] };
    withExtras.goals[0]!['dexieInternal'] = 42;
    withExtras.kpiYears[0]!['actual'] = { value: 1, someday: 'x' };
    const stamps = withExtras.goals[1]!['stamps'] as Record<string, Record<string, unknown>>;
    stamps['title'] = { by: stamps['title']!['by'], at: stamps['title']!['at'], device: 'tablet-1' };
    const out = await serializeBundle(withExtras as never, exportOptions());
    expect(out.json).not.toContain('dexieInternal');
    expect(out.json).not.toContain('someday');
    expect(out.json).not.toContain('tablet-1');
    const written = JSON.parse(out.json) as { records: { goals: { stamps: Record<string, object> }[] } };
    expect(Object.keys(written.records.goals[1]!.stamps['title']!)).toEqual(['at', 'by']);
    expect(envelopeWriteSchema.safeParse(JSON.parse(out.json)).success).toBe(true);
  });

  it('lays out one record per line, so a person or a diff can read it', async () => {
    const { records } = sample();
    const out = await serializeBundle(records, exportOptions());
    const lines = out.json.trimEnd().split('\n');
    const total =
      records.goals.length +
      records.measures.length +
      records.projects.length +
      records.kpis.length +
      records.kpiYears.length +
      records.projectYears.length +
      records.meetings.length +
      records.opinions.length +
      1;
    expect(lines.filter((l) => l.startsWith('      {"id":') || l.startsWith('    "strategy": {"id":'))).toHaveLength(total);
    expect(lines[1]).toBe(`  "format": "${FORMAT_ID}",`);
  });

  it('knows the size of the file in bytes, and hands on the canonical text it checksummed', async () => {
    const { records, ctx } = sample();
    ctx.editor = '企画課 🌸';
    records.goals[0] = applyPatch(ctx, records.goals[0]!, { title: '🌸 さくら「引用」\n\ud800 end', directions: ['é', '\u2028'] });
    for (const scope of [undefined, { kind: 'department' as const, departments: ['商工課'] }]) {
      const out = await serializeBundle(records, exportOptions({ scope, exportedBy: '観光課 🗾' }));
      expect(out.byteLength).toBe(new TextEncoder().encode(out.json).length);
      const { checksum: _, ...payload } = JSON.parse(out.json) as Record<string, unknown>;
      expect(await out.canonical.text()).toBe(canonicalJson(payload));
    }
  });

  it('writes a checksum a third party computes with any SHA-256 over the RFC 8785 form', async () => {
    const { records } = sample();
    const out = await serializeBundle(records, exportOptions());
    const envelope = JSON.parse(out.json) as Record<string, unknown> & { checksum: { value: string } };
    const { checksum, ...payload } = envelope;
    const independent = createHash('sha256').update(canonicalJson(payload), 'utf8').digest('hex');
    expect(checksum).toEqual({ algorithm: 'SHA-256', value: independent });
    // Re-indenting and reordering keys does not change the checksum.
    const reordered = JSON.stringify({ checksum, records: envelope['records'], ...payload }, null, 4);
    expect((await parseBundle(reordered)).ok).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units and writes no whitespace (RFC 8785)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], 'é': 2, A: { d: 1.5, c: -0 } })).toBe('{"A":{"c":0,"d":1.5},"a":[true,null,"x"],"b":1,"é":2}');
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '1': 3 })).toBe('{"\\r":2,"1":3,"€":1}');
    expect(canonicalJson('改行\n"引用"')).toBe('"改行\\n\\"引用\\""');
    expect(canonicalJson(1e21)).toBe('1e+21');
  });
});

describe('bundleFileName', () => {
  const strategy = { municipality: '関市', name: '第2期関市まち・ひと・しごと創生総合戦略' };
  it('names a file as people recognise it in a mail attachment', () => {
    expect(bundleFileName({ strategy } as never, { scope: { kind: 'department', departments: ['商工課'] }, exportedAt: '2026-05-20T01:00:00.000Z' })).toBe(
      '関市_第2期総合戦略_商工課_2026-05-20.json',
    );
    expect(bundleFileName({ strategy } as never, { scope: { kind: 'strategy' }, exportedAt: '2026-05-20T01:00:00.000Z' })).toBe('関市_第2期総合戦略_2026-05-20.json');
    expect(
      bundleFileName({ strategy } as never, { scope: { kind: 'department', departments: ['商工課', '観光課'] }, exportedAt: '2026-05-20T01:00:00.000Z' }),
    ).toBe('関市_第2期総合戦略_商工課・観光課_2026-05-20.json');
  });

  it('uses the date in Japan: 23:30 UTC on 19 May is already 20 May there', () => {
    expect(localDate('2026-05-19T23:30:00.000Z')).toBe('2026-05-20');
    expect(localDate('2026-05-19T23:30:00.000Z', 0)).toBe('2026-05-19');
  });

  it('removes what file systems refuse, and keeps names short', () => {
    expect(sanitizeFileNamePart('企画/財政課: "A"<B>|C?*')).toBe('企画_財政課_A_B_C');
    expect(sanitizeFileNamePart('  まち　ひと  ')).toBe('まち_ひと');
    expect(sanitizeFileNamePart('..\\..\\etc')).toBe('etc');
    expect([...sanitizeFileNamePart('長'.repeat(100))]).toHaveLength(40);
    expect(
      bundleFileName({ strategy: { municipality: '', name: '総合戦略' } } as never, { scope: { kind: 'strategy' }, exportedAt: '2026-05-20T01:00:00.000Z' }),
    ).toBe('総合戦略_2026-05-20.json');
  });

  it('shortens the official strategy name the way people say it', () => {
    expect(shortStrategyName('第2期関市まち・ひと・しごと創生総合戦略', '関市')).toBe('第2期総合戦略');
    expect(shortStrategyName('多摩市総合計画', '多摩市')).toBe('総合計画');
    expect(shortStrategyName('関市', '関市')).toBe('関市');
  });
});

describe('v1 fixture files', () => {
  // Real files written by format version 1. Never regenerate them: a later app must still read them.
  const fixture = (name: string) => readFileSync(new URL(`../fixtures/bundles/${name}`, import.meta.url), 'utf8');

  it('v1-seki-strategy.json (the whole 関市 sample) still imports', async () => {
    const parsed = await parseBundle(fixture('v1-seki-strategy.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { records, meta } = parsed.value;
    expect(parsed.value.fileFormatVersion).toBe(1);
    expect(meta.scope).toEqual({ kind: 'strategy' });
    expect(records.strategy.municipality).toBe('関市');
    expect(records.goals.map((g) => g.number)).toEqual(['1', '2', '3', '4']);
    const kpi = records.kpis.find((k) => k.name === '関市ビジネスサポートセンターへの相談件数')!;
    expect(records.kpiYears.find((y) => y.kpiId === kpi.id && y.fiscalYear === 2020)?.actual).toEqual({ value: 1823 });
    expect(records.projects).toHaveLength(10);
    // Written before meetings and 委員意見 existed: read as none.
    expect(records.meetings).toEqual([]);
    expect(records.opinions).toEqual([]);
    // Written before 年度目標がない年度の判定 existed: migrated to v2 with adopted targets only.
    expect(parsed.value.migrations).toEqual([
      'v1→v2: 総合戦略に「年度目標がない年度の判定」を追加（既定: 採用された目標のみで判定）',
      'v2→v3: 実在の戦略の構造に合わせた項目を追加（既存の記録はそのまま）',
    ]);
    expect(meta.formatVersion).toBe(FORMAT_VERSION);
    expect(records.strategy.interimJudgement).toBe('adoptedOnly');
  });

  it('v1-seki-shoko.json (the 商工課 department bundle) still imports', async () => {
    const parsed = await parseBundle(fixture('v1-seki-shoko.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.meta.scope).toEqual({ kind: 'department', departments: ['商工課'] });
    expect(parsed.value.records.projects.every((p) => p.departments.includes('商工課'))).toBe(true);
    expect(parsed.value.records.projects).toHaveLength(2);
    expect(parsed.value.records.meetings).toEqual([]);
    expect(parsed.value.records.opinions).toEqual([]);
  });

  it('v1-seki-meeting.json (the 関市 sample with a meeting and 委員意見) still imports', async () => {
    const parsed = await parseBundle(fixture('v1-seki-meeting.json'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { records } = parsed.value;
    expect(records.meetings.map((m) => [m.name, m.date, m.fiscalYear, m.members])).toEqual([['令和3年度第1回推進会議', '2021-07-15', 2020, ['山田', '佐藤', '鈴木会長']]]);
    expect(records.opinions.map((o) => [o.subjectKind, o.member, o.meetingId === records.meetings[0]!.id, o.deletedAt !== null])).toEqual([
      ['project', '山田', true, false],
      ['goal', '鈴木会長', true, false],
      ['project', '佐藤', false, false],
      ['project', '佐藤', true, true],
    ]);
    const project = records.projects.find((p) => p.id === records.opinions[0]!.subjectId)!;
    expect(project.name).toBe('企業競争力強化支援事業（関市ビジネスプラス展の開催）');
  });
});

describe('export then import (property)', () => {
  it('gives back the same records after 200 random sets of edits', async () => {
    const { createRecord } = await import('../../src/domain/records');
    const { kpiYearDefaults } = await import('../../src/domain/entities/kpi-year');
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const texts = ['', '令和3年度は中止', '"引用"と\\バックスラッシュ\n改行', '𠮷野家（サロゲート）', 'ｶﾀｶﾅ　全角スペース', '\u0000\u001f制御文字'];
    const values = () =>
      pick([
        null,
        { value: Math.round(rand() * 1e6) / 100 },
        { value: -65, remark: pick(texts) },
        { value: null, status: pick(['collecting', 'notConducted', 'evaluatedElsewhere', 'notApplicable'] as const) },
        { value: null, text: '構想策定', done: rand() < 0.5 },
        { value: 1e-7, approximate: true, provisional: true, statPeriod: '平成27〜28年度' },
      ]);
    for (let round = 0; round < 200; round++) {
      const { records, ctx } = sample();
      for (let n = 0; n < 10; n++) {
        const i = Math.floor(rand() * records.kpiYears.length);
        records.kpiYears[i] = applyPatch(ctx, records.kpiYears[i]!, { actual: values(), target: values(), statusNote: pick(texts) });
        const k = Math.floor(rand() * records.kpis.length);
        records.kpis[k] = applyPatch(ctx, records.kpis[k]!, { name: pick(texts), baseline: values(), cumulative: rand() < 0.5, cumulativeFrom: rand() < 0.5 ? null : 2019 });
        const p = Math.floor(rand() * records.projectYears.length);
        records.projectYears[p] = applyPatch(ctx, records.projectYears[p]!, { budget: rand() < 0.3 ? null : Math.round(rand() * 1e9), policy: pick([null, 'expand', 'improve'] as const), summary: pick(texts) });
        if (rand() < 0.2) {
          const g = Math.floor(rand() * records.goals.length);
          records.goals[g] = markDeleted(ctx, records.goals[g]!, `batch-${n}`);
        }
        if (rand() < 0.3) records.kpiYears.push(createRecord(ctx, records.strategy.id, { ...kpiYearDefaults(pick(records.kpis).id, 2030 + n), actual: values() }));
      }
      const scope = rand() < 0.3 ? ({ kind: 'department', departments: [pick(['商工課', '観光課', '子ども家庭課'])] } as const) : ({ kind: 'strategy' } as const);
      const out = await serializeBundle(records, exportOptions({ scope: scope.kind === 'strategy' ? scope : { kind: 'department', departments: [...scope.departments] } }));
      const parsed = await parseBundle(out.json);
      if (!parsed.ok) throw new Error(`round ${round}: ${JSON.stringify(parsed.error)}`);
      expect(parsed.value.records).toEqual(out.records);
      if (scope.kind === 'strategy') expect(parsed.value.records).toEqual(records);
    }
  }, 60_000);
});
