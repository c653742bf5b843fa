import { de } from './de';
import { en, type WidgetStrings } from './en';
import { id } from './id';
import { ja } from './ja';
import { th } from './th';

export type { WidgetStrings, WidgetTextKey } from './en';

/** The languages the widget's own texts come in. */
export const WIDGET_LANGUAGES = ['en', 'de', 'th', 'ja', 'id'] as const;
export type WidgetLanguage = (typeof WIDGET_LANGUAGES)[number];

export const WIDGET_LANGUAGE_NAMES: Record<WidgetLanguage, string> = {
  en: 'English',
  de: 'Deutsch (German)',
  th: 'ไทย (Thai)',
  ja: '日本語 (Japanese)',
  id: 'Bahasa Indonesia',
};

const STRINGS: Record<WidgetLanguage, WidgetStrings> = { en, de, th, ja, id };

export function widgetStrings(language: WidgetLanguage): WidgetStrings {
  return STRINGS[language];
}

/**
 * The language to show: the shop's choice, or when the shop follows the visitor's browser,
 * the browser's language ("de-AT" → de) when the widget has it, else the shop's choice.
 */
export function resolveWidgetLanguage(language: WidgetLanguage, followBrowser: boolean, browser: string | null | undefined): WidgetLanguage {
  if (!followBrowser) return language;
  const primary = (browser ?? '').trim().toLowerCase().split(/[-_]/)[0];
  // "in" is the old code for Indonesian that some browsers still send.
  const code = primary === 'in' ? 'id' : primary;
  return (WIDGET_LANGUAGES as readonly string[]).includes(code) ? (code as WidgetLanguage) : language;
}
