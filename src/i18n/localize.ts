/**
 * Locale resolution and on-demand loading of translations. Each language is its own module so the
 * bundler emits one small chunk per language, fetched only when that locale is used.
 *
 * @module
 */
import { en, type Strings } from './strings.js';

/** The languages that ship with the element (English is built in). */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'fr', 'es', 'ja', 'ar'] as const;

export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** Languages written right to left (only Arabic among the shipped ones). */
const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur']);

/**
 * Picks the best shipped language for a BCP 47 tag (`de-AT` → `de`); unknown languages fall back to English.
 * Without a tag, `navigator.language` decides.
 */
export function resolveLanguage(locale?: string | null): SupportedLanguage {
  const tag = (locale || (typeof navigator !== 'undefined' ? navigator.language : '') || 'en').toLowerCase();
  const base = tag.split(/[-_]/)[0];
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(base) ? (base as SupportedLanguage) : 'en';
}

/** Text direction of a locale tag. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(locale.toLowerCase().split(/[-_]/)[0]) ? 'rtl' : 'ltr';
}

const cache = new Map<SupportedLanguage, Promise<Strings>>([['en', Promise.resolve(en)]]);

/**
 * Loads the strings of a language, merged over English so a missing key never shows up blank.
 * The switch keeps each `import()` specifier static, which is what lets the bundler split per language.
 */
export function loadStrings(language: SupportedLanguage): Promise<Strings> {
  let pending = cache.get(language);
  if (!pending) {
    pending = importLocale(language).then(
      (partial) => ({ ...en, ...partial }),
      () => en,
    );
    cache.set(language, pending);
  }
  return pending;
}

function importLocale(language: SupportedLanguage): Promise<Partial<Strings>> {
  switch (language) {
    case 'de':
      return import('./locales/de.js').then((m) => m.default);
    case 'fr':
      return import('./locales/fr.js').then((m) => m.default);
    case 'es':
      return import('./locales/es.js').then((m) => m.default);
    case 'ja':
      return import('./locales/ja.js').then((m) => m.default);
    case 'ar':
      return import('./locales/ar.js').then((m) => m.default);
    default:
      return Promise.resolve(en);
  }
}
