// The console's message catalogs: Georgian and English have the same keys and placeholders,
// no message is empty, and the Georgian one is actually in Georgian.
import { describe, expect, it } from 'vitest';
import { en } from '../../src/console/ui/i18n/en.js';
import { ka } from '../../src/console/ui/i18n/ka.js';
import { browserLanguage, CATALOGS, translator } from '../../src/console/ui/i18n/translate.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const GEORGIAN = /[\u10D0-\u10FF]/;
/** Messages that are the same in both languages: names of products, languages and codes. */
const SAME_IN_BOTH = new Set([
  'app.title',
  'lang.en',
  'lang.ka',
  'connection.balance',
  'connection.woocommerce',
  'import.col.sku',
  'field.sku',
  'reconcile.col.balance',
]);

describe('console message catalogs', () => {
  it('have exactly the same keys in Georgian and English', () => {
    expect(Object.keys(ka).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(CATALOGS).sort()).toEqual(['en', 'ka']);
  });

  it('have no empty message', () => {
    for (const catalog of [en, ka]) {
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), key).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ka[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('are translated: every Georgian message but names and codes is in Georgian script', () => {
    const untranslated = Object.entries(ka)
      .filter(([key, text]) => !SAME_IN_BOTH.has(key) && !GEORGIAN.test(text))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
    for (const key of SAME_IN_BOTH)
      expect(ka[key as keyof typeof ka]).toBe(en[key as keyof typeof en]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('ka');
    expect(t('pager.rows', { first: 1, last: 50, total: 120 })).toBe('სტრიქონები 1–50, სულ 120');
    expect(translator('en')('exports.retried', {})).toBe('The export of {key} was queued again.');
  });

  it('default to Georgian when the browser prefers it, otherwise English', () => {
    expect(browserLanguage(['ka-GE', 'en-US'])).toBe('ka');
    expect(browserLanguage(['ka'])).toBe('ka');
    expect(browserLanguage(['en-GB', 'ka'])).toBe('en');
    expect(browserLanguage(['de-DE', 'ka-GE'])).toBe('ka');
    expect(browserLanguage(['ru-RU'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });
});
