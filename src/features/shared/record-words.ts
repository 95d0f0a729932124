/**
 * Records, their places and their fields in the chosen language: the words of the places the file
 * layer finds (bundle/locate.ts returns a `RecordPlace` as data). Used by the import preview and
 * refusal messages (features/bundles) and by the list of repaired records (features/settings).
 *
 *   { chain: [基本目標2, 事業1, KPI『空き家バンク…』], year: 2021, field: actual.value }
 *     → 「基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値」
 */
import { addMessages, fy, t, type MessageKey } from '../../i18n';
import { bundle as bundleMessages } from '../../i18n/ja/bundle';
import type { RecordKind } from '../../domain/workbook';
import { META_FIELDS } from '../../bundle/format';
import { DELETED_FIELD, MEASUREMENT_FIELDS, type FieldPlace, type PlaceStep, type PlaceWhat, type RecordPlace } from '../../bundle/locate';

// The messages of bundle files are not part of the first load: they come with this module.
addMessages(bundleMessages);

const WHAT: Readonly<Record<PlaceWhat, MessageKey>> = {
  strategy: 'bundle.what.strategy',
  goal: 'bundle.what.goal',
  measure: 'bundle.what.measure',
  project: 'bundle.what.project',
  kpi: 'bundle.what.kpi',
  goalKpi: 'bundle.what.goalKpi',
  kpiYear: 'bundle.what.kpiYear',
  projectYear: 'bundle.what.projectYear',
  meeting: 'bundle.what.meeting',
  opinion: 'bundle.what.opinion',
};

/** A kind of record in words: 「基本目標」「KPIの年度別の記録」. */
export function whatText(what: PlaceWhat): string {
  return t(WHAT[what]);
}

/** A name from a file (already shortened by the file layer); an empty one is 「（無題）」. */
function nameText(name: string): string {
  return name === '' ? t('bundle.untitled') : name;
}

/** 「山田」 → 「山田委員」; a name that already ends in a title (委員, 委員長, 会長, 座長) stays as written. */
function memberText(member: string): string {
  const name = nameText(member);
  return /(委員|長)$/.test(name) ? name : t('bundle.place.member', { name });
}

function stepText(step: PlaceStep): string {
  switch (step.step) {
    case 'strategy':
      return t('bundle.place.strategy');
    case 'numbered':
      return t(step.what === 'goal' ? 'bundle.place.goal' : step.what === 'measure' ? 'bundle.place.measure' : 'bundle.place.project', { number: step.number });
    case 'named':
      return t('bundle.place.named', { what: whatText(step.what), name: nameText(step.name) });
    case 'record':
      return whatText(step.what);
    case 'meetingOn':
      return t('bundle.place.meetingOn', { date: step.date });
    case 'opinionBy':
      return t('bundle.place.opinionBy', { member: memberText(step.member) });
    default:
      return assertNever(step);
  }
}

/** A place in words: 「基本目標2 > 事業1 > KPI『空き家バンク…』の令和3年度の実績値」. */
export function placeText(place: RecordPlace): string {
  let words = place.chain.map(stepText).join(t('bundle.place.separator'));
  if (place.year !== undefined) words = t('bundle.place.year', { where: words, year: typeof place.year === 'number' ? fy(place.year, 'wareki') : place.year });
  if (place.of) words = place.chain.length > 0 ? t('bundle.place.of', { where: words, what: stepText(place.of) }) : stepText(place.of);
  if (place.field && place.field.path.length > 0) words = t('bundle.place.field', { where: words, field: fieldPathLabel(place.field) });
  return words;
}

function label(key: string, fallback: string): string {
  const s = t(key as MessageKey);
  return s === key ? fallback : s;
}

/** The label of a top-level field of a record kind: 「事業名」「実績値」「表示順」; an unknown field as written. */
export function fieldLabel(kind: RecordKind, field: string): string {
  if (META_FIELDS.includes(field) || field === DELETED_FIELD) return label(`bundle.field.meta.${field}`, field);
  return label(`bundle.field.${kind}.${field}`, field);
}

/**
 * A path inside one record in words: ['actual', 'value'] → 「実績値」, ['actual', 'remark'] →
 * 「実績値の補足」, ['directions', 2] → 「目指す方向性の3番目」, ['stamps', 'title', 'at'] →
 * 「項目ごとの更新記録」.
 */
export function fieldPathLabel({ kind, path }: FieldPlace): string {
  const [head, ...rest] = path;
  if (head === undefined) return '';
  const base = fieldLabel(kind, String(head));
  if (head === 'stamps') return base;
  const next = rest[0];
  if (next === undefined) return base;
  if (typeof next === 'number') return t('bundle.place.item', { field: base, n: next + 1 });
  if (MEASUREMENT_FIELDS.has(String(head))) {
    if (next === 'value') return base;
    return t('bundle.place.field', { where: base, field: label(`bundle.field.measurement.${next}`, t('bundle.field.part.other')) });
  }
  // Deeper parts (a rank scheme's levels and colours): named in words, never as the file's keys.
  let words = base;
  for (const part of rest) {
    if (typeof part === 'number') words = t('bundle.place.item', { field: words, n: part + 1 });
    else words = t('bundle.place.field', { where: words, field: label(`bundle.field.part.${part}`, t('bundle.field.part.other')) });
  }
  return words;
}

function assertNever(x: never): never {
  throw new Error(`unexpected place step ${JSON.stringify(x)}`);
}
