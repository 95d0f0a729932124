/**
 * The words of the domain engines in the current language: the achievement engine's catalog
 * (explain, verdictLabel, trendLabel …) and the verification catalog (draftSummary,
 * consistencyHints). Japanese is the engines' own default; another language's catalogs come with
 * its message catalog (src/i18n/en/domain.ts), loaded only when that language is chosen.
 */
import { JA, type AchievementCatalog } from '../domain/achievement/catalog';
import { VERIFICATION_JA, type VerificationCatalog } from '../domain/verification/catalog';
import { domainCatalogs, getLocale } from '.';

/** The achievement engine's words in the current language (reactive in templates). */
export function achievementCatalog(): AchievementCatalog {
  return domainCatalogs(getLocale())?.achievement ?? JA;
}

/** The verification summary's words in the current language (reactive in templates). */
export function verificationCatalog(): VerificationCatalog {
  return domainCatalogs(getLocale())?.verification ?? VERIFICATION_JA;
}

type Words = Readonly<Record<string, string>>;

/** For each catalog: the Japanese label of a preset's level → that level's label in the catalog. */
const presetLabels = new WeakMap<AchievementCatalog, ReadonlyMap<string, string>>();

function presetLabelsOf(catalog: AchievementCatalog): ReadonlyMap<string, string> {
  let map = presetLabels.get(catalog);
  if (!map) {
    const m = new Map<string, string>();
    for (const [id, words] of Object.entries(JA.presets) as [keyof typeof JA.presets, Words][]) {
      const other = catalog.presets[id] as Words;
      for (const [key, label] of Object.entries(words)) if (key !== 'name' && other[key] !== undefined) m.set(label, other[key]);
    }
    presetLabels.set(catalog, (map = m));
  }
  return map;
}

/**
 * A rank label as the current language says it. The presets' labels (順調, 目標を上回った …) are
 * stored with a strategy in Japanese; they are shown in the current language. Labels a person
 * wrote (a custom scheme) and symbols (A, B, ◎ …) are shown as they are.
 */
export function rankLabel(label: string): string {
  const catalog = achievementCatalog();
  return catalog === JA ? label : (presetLabelsOf(catalog).get(label) ?? label);
}

/** The name of a rank scheme: a preset's in the current language, a custom scheme's as written. */
export function rankSchemeName(scheme: { id: string; name: string }): string {
  const ja = (JA.presets as Readonly<Record<string, { name: string }>>)[scheme.id];
  if (!ja || ja.name !== scheme.name) return scheme.name;
  return (achievementCatalog().presets as Readonly<Record<string, { name: string }>>)[scheme.id]?.name ?? scheme.name;
}
