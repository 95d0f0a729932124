/**
 * The message catalogs. Every user-visible string comes from here; `{name}` placeholders are
 * filled from `params`. Japanese (src/i18n/ja) is the default language and defines the keys;
 * English (src/i18n/en) has exactly the same keys (a missing one is a type error, and
 * test/i18n/catalog.test.ts compares keys and placeholders of both).
 *
 * `t()` reads the current locale (src/i18n/locale.svelte.ts) from a rune: a template that shows a
 * message is drawn again when the language is switched.
 *
 * Japanese is part of the first load, except the messages of screens that are loaded when first
 * opened and bring their messages with them ({@link addMessages}). The English catalog is a chunk
 * of its own, loaded only for people who choose English: before the first screen when it was
 * chosen on an earlier visit (src/main.ts awaits {@link localeReady}), else when it is chosen in
 * the settings.
 */
import { ja, type JaCatalog } from './ja';
import { applyLocale, getLocale, isLocale, LOCALE_STORAGE_KEY, type Locale } from './locale.svelte';
import { formatFiscalYear, type FiscalYearStyle } from '../domain/eras';
import { formatFiscalYearEn } from '../domain/eras-en';
import type { AchievementCatalog } from '../domain/achievement/catalog';
import type { VerificationCatalog } from '../domain/verification/catalog';

export { DEFAULT_LOCALE, LOCALES, LOCALE_STORAGE_KEY, getLocale, isLocale, type Locale } from './locale.svelte';

export type MessageKey = keyof JaCatalog;
export type MessageParams = Record<string, string | number>;
/** A catalog: a message for every key. */
export type Catalog = Record<MessageKey, string>;

/** The words of the domain engines in a language other than Japanese (Japanese is their default). */
export interface DomainCatalogs {
  achievement: AchievementCatalog;
  verification: VerificationCatalog;
}

const loaded: Partial<Record<Locale, Partial<Catalog>>> = { ja };
const loadedDomain: Partial<Record<Locale, DomainCatalogs>> = {};

const LOADERS: Readonly<Record<Locale, () => Promise<Partial<Catalog>>>> = {
  ja: async () => ja,
  en: async () => {
    const m = await import('./en');
    loadedDomain.en = m.domain;
    return m.en;
  },
};

/** The domain catalogs of a loaded language; undefined for Japanese (the domain's own words). */
export function domainCatalogs(locale: Locale = getLocale()): DomainCatalogs | undefined {
  return loadedDomain[locale];
}

/** The catalog of a language, loading it on first use. */
export async function loadCatalog(locale: Locale): Promise<Partial<Catalog>> {
  return (loaded[locale] ??= await LOADERS[locale]());
}

/**
 * Adds the Japanese messages a lazily loaded screen brings with it (the English catalog is loaded
 * whole). Called when the screen's module is first evaluated, before anything is drawn.
 */
export function addMessages(messages: Partial<Catalog>): void {
  loaded.ja = { ...loaded.ja, ...messages };
}

/**
 * Switches the display language (after loading its catalog) and keeps the choice for the next
 * visit. If the catalog cannot be loaded, the current language stays.
 */
export async function setLocale(locale: Locale): Promise<void> {
  if (!isLocale(locale)) return;
  try {
    await loadCatalog(locale);
  } catch {
    return;
  }
  applyLocale(locale);
}

/**
 * Settles when the catalog of the language chosen on an earlier visit is loaded (at once for
 * Japanese); the app is mounted after it, so the first screen is drawn in that language. If the
 * catalog cannot be loaded, Japanese is used for this visit.
 */
export const localeReady: Promise<void> =
  getLocale() === 'ja'
    ? Promise.resolve()
    : loadCatalog(getLocale()).then(
        () => undefined,
        () => applyLocale('ja', false),
      );

// Another tab of the app switched the language: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === LOCALE_STORAGE_KEY && isLocale(e.newValue) && e.newValue !== getLocale()) void setLocale(e.newValue);
  });
}

/** Looks up a message in the current language and fills its `{placeholders}`. */
export function t(key: MessageKey, params?: MessageParams): string {
  const template = loaded[getLocale()]?.[key] ?? loaded.ja?.[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * A fiscal year as the current language writes it:
 *
 * | style   | Japanese          | English      |
 * |---------|-------------------|--------------|
 * | full    | 令和2年度 (2020)  | FY2020 (R2)  |
 * | wareki  | 令和2年度         | FY2020 (R2)  |
 * | short   | R2                | FY2020       |
 * | western | 2020年度          | FY2020       |
 *
 * Every form is read back by parseFiscalYear, so a year field can show it.
 */
export function fy(year: number, style: FiscalYearStyle = 'full', locale: Locale = getLocale()): string {
  return locale === 'en' ? formatFiscalYearEn(year, style) : formatFiscalYear(year, style);
}

/** A fiscal year on two lines, for a column head: 令和2年度 / (2020), FY2020 / (R2). */
export function fyHead(year: number): [string, string] {
  const full = fy(year, 'full');
  const m = /^(.*?)\s*(\([^)]*\))$/.exec(full);
  return m ? [m[1] ?? full, m[2] ?? ''] : [full, ''];
}

/** A range of fiscal years, 令和2年度〜令和4年度 / FY2020 (R2) – FY2022 (R4). */
export function fyRange(from: number, to: number, style: FiscalYearStyle = 'wareki'): string {
  return t('fmt.range', { from: fy(from, style), to: fy(to, style) });
}

/** The BCP 47 tag numbers and dates are written with in a language. */
export function intlLocale(locale: Locale = getLocale()): string {
  return locale === 'en' ? 'en-US' : 'ja-JP';
}

/** A number with the current language's digit grouping: 1,234.5 in both languages today. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions, locale: Locale = getLocale()): string {
  return value.toLocaleString(intlLocale(locale), options);
}

/**
 * An ISO time as the device's local date and time in the current language: 2026年4月1日 9:05,
 * April 1, 2026, 9:05 AM. An unreadable time is returned as it is.
 */
export function formatDateTime(iso: string, locale: Locale = getLocale()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (locale === 'ja') {
    return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
  }
  return d.toLocaleString(intlLocale(locale), { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** A size in bytes as KB (below 1 MB, at least 1) or MB with one decimal. */
export function formatBytes(bytes: number, locale: Locale = getLocale()): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), undefined, locale)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${formatNumber(bytes / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }, locale)} MB`;
  return `${formatNumber(bytes / 1024 / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }, locale)} GB`;
}
