/**
 * The display language. Japanese is the default; the choice is kept in localStorage so that it is
 * known before the first screen is drawn and survives reloads. `t()` reads the locale from a rune,
 * so every template that shows a message follows a switch without a reload.
 *
 * Switch with `setLocale` of src/i18n/index.ts, which loads the language's catalog first;
 * `applyLocale` here only records a language whose catalog is already there.
 */

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'ja';

/** Where the choice is kept (per browser profile, like the rest of the app's data). */
export const LOCALE_STORAGE_KEY = 'senryaku-workbook:locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be switched off (private mode, site settings): the default language is used.
    return null;
  }
}

function storedLocale(): Locale {
  try {
    const value = storage()?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** `<html lang>`: screen readers and hyphenation follow it. */
function applyToDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

const state = $state<{ current: Locale }>({ current: storedLocale() });
applyToDocument(state.current);

/** The current display language (reactive: reading it in a template or `$derived` tracks it). */
export function getLocale(): Locale {
  return state.current;
}

/**
 * Makes `locale` the display language (its catalog must be loaded) and, unless `remember` is
 * false, keeps the choice for the next visit.
 */
export function applyLocale(locale: Locale, remember = true): void {
  if (!isLocale(locale)) return;
  state.current = locale;
  applyToDocument(locale);
  if (!remember) return;
  try {
    storage()?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembered (storage full or off); the switch still applies to this visit.
  }
}
