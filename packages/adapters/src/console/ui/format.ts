import type { Lang } from './i18n/translate.js';

/** Minor units (tetri) as an amount with two decimals and the currency: `1230` → `12.30 GEL`. */
export function formatMinor(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  const sign = minor < 0 ? '−' : '';
  const abs = Math.abs(Math.trunc(minor));
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${cents} ${currency}`;
}

/** A UTC instant in the operator's local time. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'ka' ? 'ka-GE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** The first 12 characters of a plan hash, as the CLI prints it. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** A `YYYY-MM-DD` date `days` days from today (local time). */
export function isoDay(days = 0): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** A value of a plan change (`from` / `to`), short. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  const sale = value as { price?: unknown; from?: unknown; to?: unknown };
  if (typeof sale.price === 'string') {
    return `${sale.price} (${formatValue(sale.from)} → ${formatValue(sale.to)})`;
  }
  const category = value as { group?: unknown; id?: unknown };
  if (typeof category.group === 'string') return category.id ? `#${String(category.id)}` : '+';
  return JSON.stringify(value);
}
