import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION } from '../../src/bundle/format';
import { parseBundle } from '../../src/bundle/parse';
import { serializeBundle } from '../../src/bundle/serialize';
import { encryptBundle, MIN_PBKDF2_ITERATIONS } from '../../src/bundle/crypto';
import { bundleErrorDetails, bundleErrorMessage } from '../../src/features/bundles/bundle-messages';
import type { BundleError } from '../../src/bundle/errors';
import { createRecord } from '../../src/domain/records';
import { kpiYearDefaults, type KpiYear } from '../../src/domain/entities/kpi-year';
import { exportOptions, rewrite, sample } from './helpers';

/** The 関市 sample with a 令和3年度 actual for 空き家バンクを利用した移住者数 (基本目標2 > 事業2). */
async function sampleFile() {
  const { records, ctx } = sample();
  const kpi = records.kpis.find((k) => k.name === '空き家バンクを利用した移住者数')!;
  records.kpiYears.push(createRecord<KpiYear>(ctx, records.strategy.id, { ...kpiYearDefaults(kpi.id, 2021), actual: { value: 12 } }));
  const out = await serializeBundle(records, exportOptions());
  return { records, kpi, json: out.json };
}

async function refusal(text: string, options?: Parameters<typeof parseBundle>[1]): Promise<BundleError> {
  const result = await parseBundle(text, options);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

type Records = Record<string, Record<string, unknown>[]>;
const findIn = (records: Records, list: string, pred: (r: Record<string, unknown>) => boolean) => records[list]!.find(pred)!;

describe('parseBundle', () => {
  it('refuses text over the size limit before reading it', async () => {
    const { json } = await sampleFile();
    const e = await refusal(json, { limits: { maxChars: 1000 } });
    expect(e).toEqual({ kind: 'tooLarge', size: json.length, limit: 1000 });
    expect(bundleErrorMessage(e)).toContain('ファイルが大きすぎる');
  });

  it('refuses what is not JSON', async () => {
    for (const text of ['', 'hello', '<html></html>', 'PK\u0003\u0004 zip', '{"a": }']) {
      const e = await refusal(text);
      expect(e.kind).toBe('notJson');
      expect(bundleErrorMessage(e)).toContain('データファイルではありません');
    }
    expect((await refusal(42 as unknown as string)).kind).toBe('notJson');
  });

  it('says plainly that a file was cut off on the way', async () => {
    const { json } = await sampleFile();
    for (const at of [json.length - 3, Math.floor(json.length / 2), 400]) {
      const e = await refusal(json.slice(0, at));
      expect(e.kind).toBe('truncated');
      expect(bundleErrorMessage(e)).toContain('ファイルが途中で切れています');
    }
  });

  it('accepts a byte order mark and any indentation', async () => {
    const { json, records } = await sampleFile();
    const parsed = await parseBundle(`\uFEFF${JSON.stringify(JSON.parse(json), null, '\t')}`);
    expect(parsed.ok && parsed.value.records).toEqual(records);
  });

  it('refuses nesting beyond the limit, without recursion even a million levels deep', async () => {
    const e = await refusal(`${'['.repeat(40)}${']'.repeat(40)}`);
    expect(e).toEqual({ kind: 'tooDeep', limit: 32 });
    expect(bundleErrorMessage(e)).toContain('入れ子が深すぎる');
    const deep = `${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}`;
    expect((await refusal(deep)).kind).toBe('tooDeep');
  });

  it('refuses keys that could reach object prototypes, wherever they are', async () => {
    const { json } = await sampleFile();
    const proto = json.replace('"goals": [\n      {', '"goals": [\n      {"__proto__": {"polluted": true}, ');
    const e = await refusal(proto);
    expect(e).toMatchObject({ kind: 'forbiddenKey', key: '__proto__', path: 'records.goals[0].__proto__' });
    expect(bundleErrorMessage(e)).toContain('使えない項目名「__proto__」');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const ctor = await refusal(json.replace('"stamps":{', '"stamps":{"constructor":{"at":"x","by":"y"},'));
    expect(ctor).toMatchObject({ kind: 'forbiddenKey', key: 'constructor' });
    expect((await refusal('{"prototype": 1}')).kind).toBe('forbiddenKey');
  });

  it('refuses JSON that is not a file of this app', async () => {
    for (const text of ['{"hello": 1}', '[1, 2]', '"text"', 'null', '{"format": "jp.other.app", "formatVersion": 1}']) {
      const e = await refusal(text);
      expect(e.kind).toBe('notBundle');
      expect(bundleErrorMessage(e)).toContain('このアプリの「書き出し」で作ったファイル');
    }
  });

  it('recognises a password-protected file and asks for the password', async () => {
    const { json } = await sampleFile();
    const locked = await encryptBundle(json, 'パスワード', { iterations: MIN_PBKDF2_ITERATIONS });
    const e = await refusal(locked);
    expect(e.kind).toBe('encrypted');
    expect(bundleErrorMessage(e)).toContain('パスワードを入力してください');
  });

  it('refuses a file of a newer format with 「アプリを更新してください」, before reading anything else of it', async () => {
    const { json } = await sampleFile();
    const newer = JSON.stringify({ ...JSON.parse(json), formatVersion: FORMAT_VERSION + 1, records: 'whatever the next version holds' });
    const e = await refusal(newer);
    expect(e).toEqual({ kind: 'newerVersion', fileVersion: FORMAT_VERSION + 1, appFormatVersion: FORMAT_VERSION, fileAppVersion: '0.1.0' });
    expect(bundleErrorMessage(e)).toContain('アプリを更新してください');
  });

  it('refuses a version that is not a version, or one no migration leads from', async () => {
    const { json } = await sampleFile();
    const asText = await refusal(JSON.stringify({ ...JSON.parse(json), formatVersion: '1' }));
    expect(asText).toEqual({ kind: 'unsupportedVersion', fileVersion: '1' });
    const zero = await refusal(await rewrite(json, (e) => (e['formatVersion'] = 0)));
    expect(zero).toEqual({ kind: 'unsupportedVersion', fileVersion: 0 });
    expect(bundleErrorMessage(zero)).toContain('第0版');
  });

  it('refuses a file without its checksum', async () => {
    const { json } = await sampleFile();
    const envelope = JSON.parse(json) as Record<string, unknown>;
    delete envelope['checksum'];
    const e = await refusal(JSON.stringify(envelope));
    expect(e.kind).toBe('checksumMissing');
    expect(bundleErrorMessage(e)).toContain('検査値');
  });

  it('says plainly that a file was changed on the way when one value differs', async () => {
    const { json } = await sampleFile();
    const changed = json.replace('"value":1823', '"value":1828');
    expect(changed).not.toBe(json);
    const e = await refusal(changed);
    expect(e.kind).toBe('checksumMismatch');
    expect(bundleErrorMessage(e)).toBe(
      'ファイルの中身が、書き出したときと一致しません。メールソフトなどで途中が切れたか、書き換えられたと考えられます。何も取り込んでいません。送り主にもう一度送ってもらってください（ZIPに圧縮して送ると安全です）。',
    );
    // A mailer that re-encoded the Japanese text (mojibake) is caught the same way.
    const mojibake = json.replace('関市', '\u95a2\u5e02\ufffd');
    expect((await refusal(mojibake)).kind).toBe('checksumMismatch');
  });

  it('refuses a wrong envelope field by its name', async () => {
    const { json } = await sampleFile();
    const e = await refusal(await rewrite(json, (env) => (env['exportedAt'] = 'yesterday')));
    // The file layer returns the field's key; the message names it by its label.
    expect(e).toEqual({ kind: 'invalidEnvelope', field: 'exportedAt', path: 'exportedAt' });
    expect(bundleErrorMessage(e)).toBe('ファイルの見出し部分の「書き出し日時（exportedAt）」が正しくありません。何も取り込んでいません。');
    const noRecords = await refusal(await rewrite(json, (env) => delete (env as Record<string, unknown>)['records']));
    expect(noRecords).toMatchObject({ kind: 'invalidEnvelope', field: 'records' });
    expect(bundleErrorMessage(noRecords)).toContain('「記録（records）」');
    const badScope = await refusal(await rewrite(json, (env) => (env['scope'] = { kind: 'department', departments: [] })));
    expect(badScope).toMatchObject({ kind: 'invalidEnvelope', field: 'scope' });
    expect(bundleErrorMessage(badScope)).toContain('「範囲（scope）」');
  });

  it('names an invalid value by where it is in the strategy, in the user’s words', async () => {
    const { json, kpi } = await sampleFile();
    const text = await rewrite(json, (env) => {
      const year = findIn(env.records as unknown as Records, 'kpiYears', (y) => y['kpiId'] === kpi.id && y['fiscalYear'] === 2021);
      (year['actual'] as Record<string, unknown>)['value'] = '12件';
    });
    const e = await refusal(text);
    expect(e.kind).toBe('invalidRecords');
    if (e.kind !== 'invalidRecords') return;
    expect(e.total).toBe(1);
    expect(e.issues[0]!.path).toMatch(/^records\.kpiYears\[\d+\]\.actual\.value$/);
    expect(bundleErrorMessage(e)).toBe('ファイルの内容に誤りが1件あるため、取り込みませんでした。');
    expect(bundleErrorDetails(e)).toEqual(['基本目標2 > 事業2 > KPI『空き家バンクを利用した移…』の令和3年度の実績値が数値ではありません']);
  });

  it('lists every invalid value with its own wording, and cuts a long list', async () => {
    const { json } = await sampleFile();
    const text = await rewrite(json, (env) => {
      const r = env.records as unknown as Records;
      r['kpis']![0]!['direction'] = 'up';
      delete r['kpiYears']![0]!['kpiId'];
      r['projects']![0]!['sdgs'] = [18];
      r['projectYears']![0]!['budget'] = '1,500千円';
      r['goals']![1]!['title'] = 7;
      r['goals']![1]!['updatedAt'] = '2026/05/20';
      r['projects']![1]!['departments'] = '商工課';
      r['kpis']![1]!['actual'] = 'ignored: not a KPI field';
      r['kpis']![1]!['target'] = '90件';
      r['kpis']![2]!['cumulative'] = 'はい';
      r['kpis']![2]!['baselineYear'] = 2018.5;
    });
    const e = await refusal(text);
    if (e.kind !== 'invalidRecords') throw new Error(e.kind);
    expect(bundleErrorDetails(e)).toEqual([
      '基本目標2の更新日時が日時として読めません',
      '基本目標2の名称が文字列ではありません',
      '基本目標1 > 事業1のSDGsの目標の1番目が大きすぎます（17まで）',
      '基本目標1 > 事業2の担当課が一覧（配列）になっていません',
      '基本目標1 > 事業1 > KPI『ビジネスマッチング数（ビ…』の評価の向きの「up」は選べる値ではありません',
      '基本目標1 > 事業2 > KPI『関市ビジネスサポートセン…』の目標値が数値ではありません',
      '基本目標1 > 事業3 > KPI『市内全域の観光入込客数』の累計の指定が「はい／いいえ」（true / false）ではありません',
      '基本目標1 > 事業3 > KPI『市内全域の観光入込客数』の基準値の年度が整数ではありません',
      'KPIの年度別の記録の令和2年度の対象のKPIがありません',
      '基本目標1 > 事業1の令和2年度の予算が数値ではありません',
    ]);
    const cut = await refusal(text, { limits: { maxReportedIssues: 3 } });
    if (cut.kind !== 'invalidRecords') throw new Error(cut.kind);
    expect(cut.total).toBe(10);
    expect(bundleErrorDetails(cut)).toHaveLength(4);
    expect(bundleErrorDetails(cut)[3]).toBe('ほか7件');
  });

  it('refuses broken references: a KPI pointing at a missing project, duplicate ids, two records of one year', async () => {
    const { json, records } = await sampleFile();
    const text = await rewrite(json, (env) => {
      const r = env.records as unknown as Records;
      r['kpis']![0]!['projectId'] = 'no-such-project';
      r['goals']!.push({ ...r['goals']![0]! });
      const year = r['kpiYears']![1]!;
      r['kpiYears']!.push({ ...year, id: 'another-year-record' });
    });
    const e = await refusal(text);
    expect(e.kind).toBe('brokenReferences');
    if (e.kind !== 'brokenReferences') return;
    expect(bundleErrorMessage(e)).toBe('ファイルの中で、項目どうしのつながりが切れている箇所が3件あるため、取り込みませんでした。');
    expect(bundleErrorDetails(e)).toEqual([
      '基本目標1と同じIDの項目が、ファイルにもう1つあります',
      '基本目標1 > KPI『ビジネスマッチング数（ビ…』が指す事業がファイルにありません',
      `基本目標1 > 事業2 > KPI『関市ビジネスサポートセン…』の令和2年度の記録が、ファイルに2つ以上あります`,
    ]);
    expect(records.kpiYears[1]!.fiscalYear).toBe(2020);
  });

  it('refuses records of another strategy and measures that are their own parent', async () => {
    const { json } = await sampleFile();
    const text = await rewrite(json, (env) => {
      const r = env.records as unknown as Records;
      const goalId = r['goals']![0]!['id'];
      const stamps = {};
      const meta = { strategyId: r['goals']![0]!['strategyId'], createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z', updatedBy: 'x', rev: 1, stamps, deletedAt: null, deletedBatch: null };
      r['measures']!.push({ id: 'm1', goalId, parentId: 'm2', number: '(1)', title: '移住', category: '', description: '', order: 0, ...meta });
      r['measures']!.push({ id: 'm2', goalId, parentId: 'm1', number: '(2)', title: '定住', category: '', description: '', order: 1, ...meta });
      r['goals']![1]!['strategyId'] = 'another-strategy';
    });
    const e = await refusal(text);
    expect(bundleErrorDetails(e)).toEqual([
      '基本目標2は、別の戦略の項目です',
      '基本目標1 > 施策(1)の上位の施策をたどると、自分自身に戻ってしまいます',
      '基本目標1 > 施策(2)の上位の施策をたどると、自分自身に戻ってしまいます',
    ]);
  });

  it('reads a hand-written file: unknown keys dropped, left-out fields get their defaults', async () => {
    const { envelopeChecksum } = await import('../../src/bundle/canonical');
    const envelope: Record<string, unknown> = {
      format: 'jp.chiho-senryaku.workbook',
      formatVersion: 1,
      exportedAt: '2026-05-20T10:00:00+09:00',
      exportedBy: '外部ツール',
      comment: 'written by hand',
      records: {
        strategy: { id: 's1', municipality: '多摩市', name: '総合戦略', startYear: 2020, endYear: 2024 },
        goals: [{ id: 'g1', number: '1', title: '子育て', extra: true }],
        kpis: [{ id: 'k1', goalId: 'g1', name: '待機児童数', unit: '人', direction: 'lower', target: { value: 0 } }],
        kpiYears: [{ id: 'y1', kpiId: 'k1', fiscalYear: 2021, actual: { value: 3, remark: '4月1日時点' }, stamps: { actual: { at: '2026-05-01T00:00:00Z' } } }],
      },
    };
    envelope['checksum'] = await envelopeChecksum(envelope);
    const parsed = await parseBundle(JSON.stringify(envelope));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const { records, meta } = parsed.value;
    expect(meta).toMatchObject({ appVersion: '', exportId: '', copyId: '', scope: { kind: 'strategy' }, basedOn: null });
    expect(records.goals[0]).toEqual({
      id: 'g1',
      strategyId: 's1',
      number: '1',
      title: '子育て',
      directions: [],
      order: 0,
      createdAt: '2026-05-20T10:00:00+09:00',
      updatedAt: '2026-05-20T10:00:00+09:00',
      updatedBy: '外部ツール',
      rev: 1,
      stamps: {},
      deletedAt: null,
      deletedBatch: null,
    });
    expect(records.kpis[0]).toMatchObject({ projectId: null, kind: 'numeric', direction: 'lower', cumulative: false, baseline: null, target: { value: 0 } });
    expect(records.kpiYears[0]).toMatchObject({ target: null, actual: { value: 3, remark: '4月1日時点' }, stamps: { actual: { at: '2026-05-01T00:00:00Z', by: '' } } });
    expect(records.strategy).toMatchObject({ note: '', copiedFrom: null, strategyId: 's1' });
    expect(records.measures).toEqual([]);
  });
});
