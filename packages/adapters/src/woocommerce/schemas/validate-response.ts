import type { z } from 'zod';
import type { WooCommerceRequestInfo } from '../errors/woocommerce-error.js';
import { WooCommerceSchemaError } from '../errors/woocommerce-schema-error.js';

/**
 * Validates a response body (or one element of it) and returns the typed value; a missing
 * required field throws a {@link WooCommerceSchemaError} naming the path.
 *
 * @param what - Singular noun for the message, e.g. `product`.
 * @param pathPrefix - Prefix of issue paths, e.g. `[3]` for the fourth list element.
 */
export function validateResponse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  request: WooCommerceRequestInfo,
  pathPrefix = '',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 20).map((issue) => ({
    path: `${pathPrefix}${issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}`.replace(
      /^\./,
      '',
    ),
    message: issue.message,
  }));
  const first = issues[0];
  throw new WooCommerceSchemaError(
    `WooCommerce ${request.method} returned a ${what} the adapter cannot use${first ? ` (${first.path || 'body'}: ${first.message})` : ''}`,
    { request, issues },
  );
}

/** Validates a list body: an array whose every element matches `schema`. */
export function validateList<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  request: WooCommerceRequestInfo,
): z.output<S>[] {
  if (!Array.isArray(value)) {
    throw new WooCommerceSchemaError(`WooCommerce ${request.method} returned no list of ${what}s`, {
      request,
      issues: [{ path: '', message: 'expected an array' }],
    });
  }
  return value.map((item, index) => validateResponse(schema, item, what, request, `[${index}]`));
}
