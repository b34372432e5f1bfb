import { en, type MessageKey } from './en.js';
import { ka } from './ka.js';

// The catalogs and the lookup, without any UI library (the Node tests import this file).

/** The console's languages: Georgian and English. */
export type Lang = 'en' | 'ka';

/** Every catalog, by language. Both have exactly the same keys (a test checks it). */
export const CATALOGS: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en, ka };

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** Looks up a message and fills in its placeholders. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A {@link Translate} for one language. */
export function translator(lang: Lang): Translate {
  const catalog = CATALOGS[lang];
  return (key, params) => {
    const text = catalog[key] ?? en[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** Georgian when the browser prefers it, otherwise English. */
export function browserLanguage(languages: readonly string[]): Lang {
  for (const language of languages) {
    const code = language.toLowerCase();
    if (code.startsWith('ka')) return 'ka';
    if (code.startsWith('en')) return 'en';
  }
  return 'en';
}

export type { MessageKey };
