import { z } from 'zod';

// Lenient building blocks: WooCommerce and its plugins are loose with types, so everything
// that is not essential falls back to a neutral value instead of failing the whole read.

/** A decimal as WooCommerce sends it: a string, or a number some plugins send; kept as text. */
export const wireDecimal = z
  .union([z.string(), z.number()])
  .nullable()
  .transform((value) => (value === null ? '' : String(value)))
  .catch('');

/** An integer id; required. */
export const wireId = z.number().int().nonnegative();

/** An integer that may be missing or null; falls back to 0. */
export const wireOptionalInt = z
  .number()
  .int()
  .nullable()
  .catch(0)
  .transform((value) => value ?? 0);

/** Text that may be missing or null; falls back to `''`. */
export const wireText = z
  .union([z.string(), z.number()])
  .nullable()
  .catch('')
  .transform((value) => (value === null || value === undefined ? '' : String(value)));

/** A boolean that may arrive as `"yes"`/`"1"`; falls back to `false`. */
export const wireBoolean = z
  .union([z.boolean(), z.string(), z.number()])
  .catch(false)
  .transform(
    (value) =>
      value === true || value === 'yes' || value === '1' || value === 1 || value === 'true',
  );

const GMT_DATE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}/;

/**
 * A `*_gmt` date (`2026-11-27T08:00:00`, no zone) as a port instant (`…T08:00:00Z`). Values
 * that carry a zone are converted to UTC.
 */
export const wireGmtDate = z
  .string()
  .regex(GMT_DATE, 'expected a date-time like 2026-11-27T08:00:00')
  .transform((value) => gmtToUtc(value));

/** A `*_gmt` date that may be `null` (or missing / empty): `null` then. */
export const wireOptionalGmtDate = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value, context) => {
    if (value === null || value === undefined || value.trim() === '') return null;
    if (!GMT_DATE.test(value)) {
      context.addIssue({
        code: 'custom',
        message: 'expected a date-time like 2026-11-27T08:00:00',
      });
      return z.NEVER;
    }
    return gmtToUtc(value);
  });

/** Meta entries (`{id, key, value}`); entries without a string key are dropped. */
export const wireMeta = z
  .array(z.unknown())
  .catch([])
  .transform((entries) =>
    entries.flatMap((entry) => {
      if (typeof entry !== 'object' || entry === null) return [];
      const { key, value } = entry as { key?: unknown; value?: unknown };
      return typeof key === 'string' ? [{ key, value }] : [];
    }),
  );

/** Tax amounts of a line (`[{id, total, subtotal}]`). */
export const wireLineTaxes = z
  .array(z.object({ id: wireOptionalInt, total: wireDecimal, subtotal: wireDecimal }))
  .catch([])
  .transform((taxes) =>
    taxes.map((tax) => ({ rateId: tax.id, total: tax.total, subtotal: tax.subtotal })),
  );

/** `2026-11-27T08:00:00` (or with a zone) → `2026-11-27T08:00:00Z`. */
export function gmtToUtc(value: string): string {
  const trimmed = value.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(trimmed)) {
    return `${trimmed.slice(0, 19)}Z`;
  }
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed)
    ? `${trimmed.slice(0, 19)}Z`
    : `${new Date(parsed).toISOString().slice(0, 19)}Z`;
}

/** A port instant (`…Z` or any zone) → the naive UTC form WooCommerce's `*_gmt` fields take. */
export function utcToGmt(value: string): string {
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new RangeError(`Not a date-time: ${JSON.stringify(value)}`);
  return new Date(parsed).toISOString().slice(0, 19);
}
