/**
 * The merge preview in words: what changes (「事業『…』の事業名」), the values on each side
 * (「1,823件」「目標値以上で達成」「（空欄）」), who changed them and when, and why a change is not
 * taken. The plan (bundle/merge.ts) holds places and values as data; this writes them in the
 * chosen language.
 */
import { addMessages, fy, t, type MessageKey } from '../../i18n';
import { bundle as bundleMessages } from '../../i18n/ja/bundle';
import { formatMeasurement, formatNumber } from '../../domain/numbers';
import type { FieldStamp } from '../../domain/records';
import type { RecordKind } from '../../domain/workbook';
import { assertNever } from '../../bundle/errors';
import type { RecordPlace } from '../../bundle/locate';
import { shownValue, type ChoiceKind, type ShownValue } from '../../bundle/shown';
import type { BundleScope, FieldDifference, NotAllowed, Side } from '../../bundle';
import type { ConflictReason } from '../../bundle/merge';
import { fieldLabel, placeText } from '../shared/record-words';

// The messages of bundle files are not part of the first load: they come with this module.
addMessages(bundleMessages);

/**
 * An item of the plan in domain words: 「事業『…』の事業名」「KPI『…』の令和2年度の実績値」; for a
 * whole record (an addition, or an ignored addition) its subject: 「KPI『…』の令和3年度」.
 */
export function describeChange(item: { kind: RecordKind; subject: RecordPlace; field?: string | null }): string {
  const subject = placeText(item.subject);
  return item.field ? t('bundle.merge.describe', { subject, field: fieldLabel(item.kind, item.field) }) : subject;
}

/** 「商工課 佐藤（2026/05/20 10:15）」: who changed a value, and when, in Japan time by default. */
export function formatStamp(stamp: FieldStamp, offsetMinutes = 540): string {
  const ms = Date.parse(stamp.at);
  const when = Number.isNaN(ms)
    ? stamp.at
    : new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ').replace(/-/g, '/');
  return t('bundle.merge.stamp', { by: stamp.by || '—', at: when });
}

/** Words of the reason an item is ignored, for a given scope. */
export function ignoredReasonText(reason: NotAllowed, scope: BundleScope): string {
  const scopeText =
    scope.kind === 'department'
      ? t('bundle.scope.department', { departments: scope.departments.join(t('bundle.scope.departmentJoin')) })
      : t('bundle.scope.strategy');
  switch (reason) {
    case 'notEditable':
      return t('bundle.merge.ignore.notEditable', { scope: scopeText });
    case 'notInScope':
      return t('bundle.merge.ignore.notInScope', { scope: scopeText });
    case 'cannotAdd':
      return t('bundle.merge.ignore.cannotAdd', { scope: scopeText });
    case 'cannotRemove':
      return t('bundle.merge.ignore.cannotRemove', { scope: scopeText });
    default:
      return assertNever(reason);
  }
}

export function conflictReasonText(reason: ConflictReason): string {
  switch (reason) {
    case 'bothChanged':
      return t('bundle.merge.reason.bothChanged');
    case 'baseUnknown':
      return t('bundle.merge.reason.baseUnknown');
    case 'neitherChanged':
      return t('bundle.merge.reason.neitherChanged');
    default:
      return assertNever(reason);
  }
}

/** Catalog prefixes of choice labels the screens already use (kpi.direction.higher → 多いほど良い). */
const CHOICE_LABELS: { readonly [K in ChoiceKind]: Readonly<Record<string, string>> } = {
  kpis: { kind: 'kpi.kind', direction: 'kpi.direction', framework: 'kpi.framework', cumulativeEntry: 'kpi.cumulativeJudged', cumulativeJudged: 'kpi.cumulativeJudged' },
  projects: { category: 'project.category' },
  projectYears: { effectiveness: 'py.effectiveness', impact: 'py.impact', policy: 'py.policy', revision: 'py.revision' },
  opinions: { subjectKind: 'bundle.value.subjectKind' },
};

function messageOr(key: string, fallback: string): string {
  const s = t(key as MessageKey);
  return s === key ? fallback : s;
}

/** A value as a person reads it in the preview: 「1,823件」「令和2年度」「事業『…』」「はい」. */
export function shownText(v: ShownValue): string {
  switch (v.shown) {
    case 'deleted':
      return v.deleted ? t('bundle.value.deleted') : t('bundle.value.live');
    case 'empty':
      return t('bundle.value.empty');
    case 'measurement':
      return formatMeasurement(v.value, v.unit) || t('bundle.value.empty');
    case 'choice': {
      const prefix = (CHOICE_LABELS[v.kind] as Readonly<Record<string, string>>)[v.field];
      return prefix ? messageOr(`${prefix}.${v.value}`, v.value) : v.value;
    }
    case 'year':
      return fy(v.year, 'wareki');
    case 'record':
      return placeText(v.place);
    case 'yesNo':
      return v.value ? t('bundle.value.yes') : t('bundle.value.no');
    case 'number':
      return formatNumber(v.value);
    case 'places':
      return v.places.map((p) => (p.measure ? `${shownText(p.goal)} / ${shownText(p.measure)}` : shownText(p.goal))).join(t('bundle.value.listJoin'));
    case 'list': {
      const text = v.items.join(t('bundle.value.listJoin'));
      return v.more > 0 ? text + t('bundle.value.more', { n: formatNumber(v.more) }) : text;
    }
    case 'text':
      return v.text;
    default:
      return assertNever(v);
  }
}

/** One side's value of a difference as the preview shows it. */
export function sideText(d: Pick<FieldDifference, 'mineShown' | 'theirsShown'>, side: Side): string {
  return shownText(side === 'mine' ? d.mineShown : d.theirsShown);
}

/** Characters of a value the preview shows before shortening it (the whole value a tap away). */
export const TEXT_PREVIEW = 80;

/** A value's text shortened for the preview: null when it is short enough to show whole. */
export function shortText(text: string, max = TEXT_PREVIEW): string | null {
  return text.length > max ? `${text.slice(0, max)}…` : null;
}

/** The whole value of one side of a difference, as a person reads it (every item of a list). */
export function wholeText(d: FieldDifference, side: Side): string {
  const value = side === 'mine' ? d.mine : d.theirs;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return shownText(shownValue(d.kind, d.field, value, '', undefined, undefined, Number.POSITIVE_INFINITY));
  return sideText(d, side);
}
