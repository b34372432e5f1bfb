import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Lang, type Translate, translator } from './translate.js';

export {
  browserLanguage,
  CATALOGS,
  type Lang,
  type MessageKey,
  type MessageParams,
  type Translate,
  translator,
} from './translate.js';

/** What the components get from the language context. */
export interface I18n {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

export const I18nContext = createContext<I18n>({
  lang: 'en',
  t: translator('en'),
  setLang: () => {},
});

/** The current language and its translator. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
