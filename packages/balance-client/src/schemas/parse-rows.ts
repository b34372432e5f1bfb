import type { z } from 'zod';
import type { BalanceRequestInfo } from '../errors/balance-error.js';
import { BalanceSchemaError, type BalanceSchemaIssue } from '../errors/balance-schema-error.js';
import { stripHtml } from '../errors/read-error-body.js';
import { type Redactor, truncate } from '../redaction/redactor.js';
import {
  createEmptyResponseError,
  createTruncatedResponseError,
  isBlank,
  looksTruncatedJson,
} from '../transport/success-body.js';
import type { TransportResponse } from '../transport/transport.js';
import { LIST_WRAPPER_KEYS, unwrapList } from './list-payload.js';

const MAX_ISSUES = 20;
const SAMPLE_LENGTH = 300;

/** Formats a zod path as `[3].Items[0].Price`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
    .join('')
    .replace(/^\./, '');
}

/** Short redacted JSON excerpt of a value. */
export function sampleOf(value: unknown, redactor: Redactor): string {
  let json: string;
  try {
    json = JSON.stringify(redactor.value(value)) ?? String(value);
  } catch {
    json = String(value);
  }
  return truncate(json, SAMPLE_LENGTH);
}

/**
 * Reads the rows of a list response and validates each one. Throws a `BalanceSchemaError`
 * naming the failing paths with a sample of the first failing row.
 */
export function parseListResponse<T extends z.ZodType>(
  response: TransportResponse,
  schema: T,
  options: {
    readonly redactor: Redactor;
    readonly what: string;
    readonly wrapperKeys?: readonly string[];
  },
): z.output<T>[] {
  // An empty body is not "no rows": real Balance answers `[]`. The HTTP transport already
  // raises (and retries) these; this keeps any other transport from reading them as empty.
  if (isBlank(response.text)) {
    throw createEmptyResponseError(response.request, response.status);
  }
  if (!response.isJson && looksTruncatedJson(response.text)) {
    throw createTruncatedResponseError(
      response.request,
      response.status,
      response.text,
      options.redactor,
    );
  }
  if (!response.isJson) {
    throw new BalanceSchemaError(
      `Balance answered ${options.what} with something that is not JSON: ${truncate(
        stripHtml(options.redactor.text(response.text)),
        150,
      )}`,
      {
        request: response.request,
        issues: [{ path: '', message: 'not JSON' }],
        sample: truncate(options.redactor.text(response.text), SAMPLE_LENGTH),
        hint: 'a proxy, login page or error page answered instead of the Exchange web service: check the base URL and the publication',
      },
    );
  }
  const rows = unwrapList(response.body, options.wrapperKeys ?? LIST_WRAPPER_KEYS);
  if (rows === undefined) {
    throw new BalanceSchemaError(`Balance answered ${options.what} with JSON that is not a list`, {
      request: response.request,
      issues: [
        {
          path: '',
          message: `expected an array or an object with one of ${(options.wrapperKeys ?? LIST_WRAPPER_KEYS).join(', ')} as an array`,
        },
      ],
      sample: sampleOf(response.body, options.redactor),
    });
  }
  return parseRows(rows, schema, { ...options, request: response.request });
}

/** Validates already-unwrapped rows (see {@link parseListResponse}). */
export function parseRows<T extends z.ZodType>(
  rows: readonly unknown[],
  schema: T,
  options: {
    readonly redactor: Redactor;
    readonly what: string;
    readonly request: BalanceRequestInfo | undefined;
  },
): z.output<T>[] {
  const parsed: z.output<T>[] = [];
  const issues: BalanceSchemaIssue[] = [];
  let firstBad: unknown;
  rows.forEach((row, index) => {
    const result = schema.safeParse(row);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    if (firstBad === undefined) firstBad = row;
    for (const issue of result.error.issues) {
      if (issues.length < MAX_ISSUES) {
        issues.push({ path: formatPath([index, ...issue.path]), message: issue.message });
      }
    }
  });
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new BalanceSchemaError(
      `Balance answered ${options.what} with an unexpected row shape at ${first.path}: ${first.message}`,
      { request: options.request, issues, sample: sampleOf(firstBad, options.redactor) },
    );
  }
  return parsed;
}
