/**
 * WordPress REST argument validation and sanitisation (`has_valid_params`,
 * `rest_validate_value_from_schema`, `rest_sanitize_value_from_schema`), with WordPress'
 * exact messages. Runs on single requests only; batch items skip it, as in WooCommerce.
 *
 * Internal module.
 */
import { isRestDateTime } from './dates.js';
import { WooRestError } from './errors.js';
import { phpIsNumeric, phpToFloat, phpToInt, restSanitizeBoolean } from './php.js';

/** Types of the WordPress schema dialect (`date-time` and `mixed` are WooCommerce's own). */
export type WpType =
  | 'array'
  | 'object'
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'null'
  | 'date-time'
  | 'mixed';

/** One argument's schema. */
export interface ArgSchema {
  type?: WpType | readonly WpType[];
  enum?: readonly (string | number)[];
  minimum?: number;
  maximum?: number;
  items?: ArgSchema;
  properties?: Readonly<Record<string, ArgSchema>>;
  required?: boolean;
  default?: unknown;
  format?: 'date-time' | 'uri' | 'email';
  /** A non-schema sanitize callback WooCommerce registers for this argument. */
  sanitize?: 'id-list' | 'absint' | 'text' | 'key';
}

/** A route's arguments, in registration order (messages list them in this order). */
export type ArgSchemas = Readonly<Record<string, ArgSchema>>;

const VALID_TYPES: readonly WpType[] = [
  'array',
  'object',
  'string',
  'number',
  'integer',
  'boolean',
  'null',
];

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}

/** `wp_parse_list`: arrays as-is, scalars split on commas and whitespace. */
export function wpParseList(value: unknown): unknown[] {
  if (isList(value)) return value;
  if (isObjectLike(value)) return Object.values(value);
  if (value === null || value === undefined) return [];
  return String(value)
    .split(/[\s,]+/)
    .filter((s) => s !== '');
}

/** `wp_parse_id_list`: unique absolute integers. */
export function wpParseIdList(value: unknown): number[] {
  const ids = wpParseList(value).map((v) => Math.abs(phpToInt(v)));
  return [...new Set(ids)];
}

function restIsArray(value: unknown): boolean {
  return (
    isObjectLike(value) ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

function restIsObject(value: unknown): boolean {
  return value === '' || isObjectLike(value);
}

function restIsBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return true;
  if (typeof value === 'string') return ['false', 'true', '0', '1'].includes(value.toLowerCase());
  if (typeof value === 'number') return value === 0 || value === 1;
  return false;
}

function restIsInteger(value: unknown): boolean {
  if (!phpIsNumeric(value)) return false;
  const f = phpToFloat(value);
  return Math.round(f) === f;
}

const TYPE_CHECKS: readonly [WpType, (v: unknown) => boolean][] = [
  ['array', restIsArray],
  ['object', restIsObject],
  ['integer', restIsInteger],
  ['number', phpIsNumeric],
  ['boolean', restIsBoolean],
  ['string', (v) => typeof v === 'string'],
  ['null', (v) => v === null],
];

function bestType(value: unknown, types: readonly WpType[]): WpType | '' {
  for (const [type, check] of TYPE_CHECKS) {
    if (types.includes(type) && check(value)) return type;
  }
  return '';
}

/** A validation failure: WordPress' code and message. */
interface Invalid {
  code: string;
  message: string;
}

function resolveType(
  value: unknown,
  schema: ArgSchema,
  param: string,
): WpType | Invalid | undefined {
  const type = schema.type;
  if (type === undefined) return undefined;
  if (typeof type === 'string') return type;
  const valid = type.filter((t) => VALID_TYPES.includes(t));
  const best = bestType(value, valid);
  if (best !== '') return best;
  const invalid = type.filter((t) => !VALID_TYPES.includes(t));
  if (invalid.length > 0) return invalid[0];
  return {
    code: 'rest_invalid_type',
    message: `${param} is not of type ${type.join(',')}.`,
  };
}

/** `rest_validate_value_from_schema`: `null` when valid, else the first failure. */
export function validateValue(value: unknown, schema: ArgSchema, param: string): Invalid | null {
  const resolved = resolveType(value, schema, param);
  if (resolved !== undefined && typeof resolved === 'object') return resolved;
  const type = resolved;
  const typeError = (name: string): Invalid => ({
    code: 'rest_invalid_type',
    message: `${param} is not of type ${name}.`,
  });
  switch (type) {
    case 'array': {
      if (!restIsArray(value)) return typeError('array');
      if (schema.items) {
        const list = wpParseList(value);
        for (let i = 0; i < list.length; i++) {
          const err = validateValue(list[i], schema.items, `${param}[${i}]`);
          if (err) return err;
        }
      }
      break;
    }
    case 'object': {
      if (!restIsObject(value)) return typeError('object');
      if (schema.properties && isObjectLike(value)) {
        for (const [key, propSchema] of Object.entries(schema.properties)) {
          const v = (value as Record<string, unknown>)[key];
          if (v === undefined) continue;
          const err = validateValue(v, propSchema, `${param}[${key}]`);
          if (err) return err;
        }
      }
      break;
    }
    case 'null':
      if (value !== null) return typeError('null');
      break;
    case 'boolean':
      if (!restIsBoolean(value)) return typeError('boolean');
      break;
    case 'number':
      if (!phpIsNumeric(value)) return typeError('number');
      break;
    case 'integer':
      if (!restIsInteger(value)) return typeError('integer');
      break;
    case 'string':
      if (typeof value !== 'string') return typeError('string');
      break;
    default:
      break;
  }
  if (schema.enum && schema.enum.length > 0) {
    const matches = schema.enum.some((e) =>
      typeof e === 'number' ? phpIsNumeric(value) && phpToFloat(value) === e : e === value,
    );
    if (!matches) {
      return {
        code: 'rest_not_in_enum',
        message:
          schema.enum.length === 1
            ? `${param} is not ${String(schema.enum[0])}.`
            : `${param} is not one of ${schema.enum.join(', ')}.`,
      };
    }
  }
  if (schema.format === 'date-time' && (type === 'string' || type === undefined)) {
    if (!isRestDateTime(value)) return { code: 'rest_invalid_date', message: 'Invalid date.' };
  }
  if (schema.format === 'uri' && type === 'string' && typeof value === 'string') {
    if (!/^https?:\/\//i.test(value) && value !== '') {
      return { code: 'rest_invalid_url', message: `${param} is not a valid URL.` };
    }
  }
  if ((type === 'integer' || type === 'number') && phpIsNumeric(value)) {
    const n = phpToFloat(value);
    const { minimum: min, maximum: max } = schema;
    if (min !== undefined && max === undefined && n < min) {
      return {
        code: 'rest_out_of_bounds',
        message: `${param} must be greater than or equal to ${min}`,
      };
    }
    if (max !== undefined && min === undefined && n > max) {
      return {
        code: 'rest_out_of_bounds',
        message: `${param} must be less than or equal to ${max}`,
      };
    }
    if (min !== undefined && max !== undefined && (n < min || n > max)) {
      return {
        code: 'rest_out_of_bounds',
        message: `${param} must be between ${min} (inclusive) and ${max} (inclusive)`,
      };
    }
  }
  return null;
}

/** `rest_sanitize_value_from_schema` (plus WooCommerce's registered sanitize callbacks). */
export function sanitizeValue(value: unknown, schema: ArgSchema, param = ''): unknown {
  switch (schema.sanitize) {
    case 'id-list':
      return wpParseIdList(value);
    case 'absint':
      return Math.abs(phpToInt(value));
    case 'text':
      return typeof value === 'string' ? value.trim() : value;
    case 'key':
      return typeof value === 'string' ? value.toLowerCase().replace(/[^a-z0-9_-]/g, '') : value;
    default:
      break;
  }
  const resolved = resolveType(value, schema, param);
  const type = typeof resolved === 'string' ? resolved : undefined;
  switch (type) {
    case 'array': {
      const list = wpParseList(value);
      return schema.items
        ? list.map((v, i) => sanitizeValue(v, schema.items as ArgSchema, `${param}[${i}]`))
        : list;
    }
    case 'object': {
      if (!isObjectLike(value)) return {};
      if (isList(value) && value.length === 0) return value;
      const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      if (schema.properties) {
        for (const [key, propSchema] of Object.entries(schema.properties)) {
          if (out[key] !== undefined && out[key] !== null) {
            out[key] = sanitizeValue(out[key], propSchema, `${param}[${key}]`);
          }
        }
      }
      return out;
    }
    case 'integer':
      return phpToInt(value);
    case 'number':
      return phpToFloat(value);
    case 'boolean':
      return restSanitizeBoolean(value);
    case 'string':
      return typeof value === 'string' ? value : String(value);
    default:
      return value;
  }
}

/**
 * `WP_REST_Request::has_valid_params` followed by `sanitize_params`. Mutates `params` with
 * the sanitised values and the defaults; throws `rest_missing_callback_param` or
 * `rest_invalid_param`.
 */
export function validateAndSanitize(params: Record<string, unknown>, args: ArgSchemas): void {
  for (const [key, schema] of Object.entries(args)) {
    if (params[key] === undefined && schema.default !== undefined) {
      params[key] = structuredClone(schema.default);
    }
  }
  const missing = Object.entries(args)
    .filter(
      ([key, schema]) =>
        schema.required === true && (params[key] === undefined || params[key] === null),
    )
    .map(([key]) => key);
  if (missing.length > 0) {
    throw new WooRestError(
      'rest_missing_callback_param',
      `Missing parameter(s): ${missing.join(', ')}`,
      {
        status: 400,
        params: missing,
      },
    );
  }
  const invalid: Record<string, string> = {};
  const details: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(args)) {
    const value = params[key];
    if (value === undefined || value === null) continue;
    const err = validateValue(value, schema, key);
    if (err) {
      invalid[key] = err.message;
      details[key] = { code: err.code, message: err.message, data: null };
    }
  }
  const names = Object.keys(invalid);
  if (names.length > 0) {
    throw new WooRestError('rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, {
      status: 400,
      params: invalid,
      details,
    });
  }
  for (const [key, schema] of Object.entries(args)) {
    const value = params[key];
    if (value === undefined || value === null) continue;
    params[key] = sanitizeValue(value, schema, key);
  }
}
