import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  DEFAULT_LOCALE,
  LOCALES,
  createTranslator,
  nextLocale,
  type Locale,
  type Translate,
} from './i18n.ts';
import { createLocaleFormat, type LocaleFormat } from './locale-format.ts';

/** The active locale, its translate function and its date, time and number formatters. */
export type I18n = LocaleFormat & {
  locale: Locale;
  t: Translate;
  toggleLocale: () => void;
};

const STORAGE_KEY = 'licheng.locale';

const I18nContext = createContext<I18n | null>(null);

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return LOCALES.find((locale) => locale === stored) ?? DEFAULT_LOCALE;
  } catch {
    // storage can be disabled (private mode, sandboxed iframes); fall back to the default
    return DEFAULT_LOCALE;
  }
}

export type I18nProviderProps = { children: ReactNode };

/** Holds the UI locale (zh-CN by default), remembers it and mirrors it on `<html lang>` and the title. */
export function I18nProvider({ children }: I18nProviderProps) {
  const [locale, setLocale] = useState<Locale>(readStoredLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = createTranslator(locale)('app.title');
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // not remembering the choice is harmless
    }
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({
      ...createLocaleFormat(locale),
      locale,
      t: createTranslator(locale),
      toggleLocale: () => setLocale(nextLocale),
    }),
    [locale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

/** The current locale, its translator and formatters; the component re-renders when it changes. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
