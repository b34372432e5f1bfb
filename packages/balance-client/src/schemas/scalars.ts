import { z } from 'zod';
import { canonicalDecimal, isDecimalString } from '../decimal/canonical-decimal.js';
import { isEmptyReference, isGuid } from '../guid/null-guid.js';
import type { OpenLiteral } from './open-literal.js';

// Read side: Balance sends numbers, numeric strings, "true"/"false", nulls and empty strings.

/** `null` and `''` count as "absent" for optional fields Balance returns. */
const absentToUndefined = (value: unknown): unknown =>
  value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;

/** Makes a read-side field optional; `null` and `''` become `undefined`. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(absentToUndefined, schema.optional());
}

/** A decimal (number or numeric string) read as a canonical decimal string (see `canonicalDecimal`). */
export const decimalSchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const decimal = canonicalDecimal(value);
  if (decimal === undefined) {
    context.addIssue({ code: 'custom', message: 'expected a decimal number' });
    return z.NEVER;
  }
  return decimal;
});

/** A quantity (number or numeric string) read as a JavaScript number. */
export const quantitySchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const decimal = canonicalDecimal(value);
  if (decimal === undefined) {
    context.addIssue({ code: 'custom', message: 'expected a number' });
    return z.NEVER;
  }
  return Number(decimal);
});

/** A flag sent as a boolean, `"true"`/`"false"` (any case) or `1`/`0`. */
export const booleanSchema = z
  .union([z.boolean(), z.string(), z.number()])
  .transform((value, context) => {
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
    context.addIssue({ code: 'custom', message: 'expected true or false' });
    return z.NEVER;
  });

/** Any scalar Balance may use for a text field (numbers become strings). */
export const textSchema = z.union([z.string(), z.number()]).transform(String);

/** A reference (GUID, code or name); the empty GUID, `''` and `null` read as `undefined`. */
export const referenceSchema = z.preprocess(
  (value) => (isEmptyReference(value) ? undefined : value),
  textSchema.optional(),
);

// Write side: the client validates what it sends and keeps the caller's values.

/** A decimal string for request bodies: `"12.50"`, `"-3"`; dot as separator, no exponent. */
export const decimalInputSchema = z
  .string()
  .trim()
  .refine(isDecimalString, { message: 'expected a decimal string such as "12.50"' });

/** A quantity for request bodies: a finite number or a decimal string. */
export const quantityInputSchema = z.union([z.number().finite(), decimalInputSchema]);

/** A GUID required by the client (document uids). */
export const guidInputSchema = z
  .string()
  .trim()
  .refine(isGuid, { message: 'expected a GUID such as 6f0c1c2e-1111-4a3b-9c0d-1234567890ab' });

/** A document date: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` (server local time, no zone). */
export const dateInputSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/, {
    message: 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (no time zone)',
  });

/** A boolean for request bodies (strings are accepted by Balance too, but send real booleans). */
export const booleanInputSchema = z.boolean();

/** An optional free-text field of a request body. */
export const optionalTextInputSchema = z.string().optional();

/** An optional open literal of a request body: one of the known values, or any other string. */
export function openLiteralInput<T extends string>() {
  return z.custom<OpenLiteral<T>>((value) => typeof value === 'string').optional();
}
