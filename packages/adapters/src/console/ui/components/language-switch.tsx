import { type Lang, useI18n } from '../i18n/i18n.js';

/** The language choice; each language is named in itself. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label class="language-switch">
      <span>{t('lang.label')}</span>
      <select
        value={lang}
        onChange={(event) => setLang(event.currentTarget.value as Lang)}
        aria-label={t('lang.label')}
      >
        <option value="ka">{t('lang.ka')}</option>
        <option value="en">{t('lang.en')}</option>
      </select>
    </label>
  );
}
