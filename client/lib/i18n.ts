// The translator: locales, message keys and `createTranslator`. The strings live one file per
// locale in ./messages/; keys are typed from the zh-CN dictionary, so a missing English string is a
// type error (test/client/i18n.test.ts checks the same at runtime).
import { EN } from './messages/en.ts';
import { ZH_CN } from './messages/zh-CN.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type MessageKey = keyof typeof ZH_CN;
export type Messages = Record<MessageKey, string>;

/** The dictionaries, by locale. */
export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': ZH_CN, en: EN };

export type MessageParams = Record<string, string | number>;
/** Looks a key up and fills `{name}` placeholders and `{name, plural, …}` forms. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

// `{count, plural, one {# item} other {# items}}`: ICU's plural form, flat (no nesting); `#` is the
// number. The form is chosen by Intl.PluralRules for the locale (English: one, other; Chinese has
// only other, so its strings need no forms).
const PLURAL = /\{(\w+), plural,((?:\s*[\w=]+ \{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /([\w=]+) \{([^{}]*)\}/g;

/**
 * Returns the translate function for a locale. Numbers in params are formatted for the locale.
 * @example createTranslator('en')('unit.households', { count: 1200 }) // "1,200 households"
 * @example createTranslator('en')('unit.households', { count: 1 }) // "1 household"
 */
export function createTranslator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  const show = (value: string | number) =>
    typeof value === 'number' ? numbers.format(value) : value;
  return (key, params) => {
    const template = messages[key];
    if (!params) return template;
    return template
      .replace(PLURAL, (match, name: string, forms: string) => {
        const value = params[name];
        if (value === undefined) return match;
        const byForm = new Map([...forms.matchAll(PLURAL_FORM)].map((m) => [m[1]!, m[2]!]));
        const n = Number(value);
        const text = byForm.get(`=${n}`) ?? byForm.get(plurals.select(n)) ?? byForm.get('other');
        return text === undefined ? match : text.replaceAll('#', show(value));
      })
      .replace(/\{(\w+)\}/g, (match, name: string) => {
        const value = params[name];
        return value === undefined ? match : show(value);
      });
  };
}

/** The other locale, for the toggle button. */
export function nextLocale(locale: Locale): Locale {
  return locale === 'zh-CN' ? 'en' : 'zh-CN';
}

/** Formats a 0..1 share as a whole percentage ("70%"), the same in both locales. */
export function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Formats a distance in metres for the locale: "320 米" / "1.2 km". */
export function formatDistance(t: Translate, metres: number): string {
  if (metres < 1000) return t('unit.meters', { value: String(Math.round(metres)) });
  return t('unit.kilometers', { value: (metres / 1000).toFixed(1) });
}
