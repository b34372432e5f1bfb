import type { z } from 'zod';
import { BalanceInvalidInputError } from '../errors/balance-invalid-input-error.js';
import type { BalanceSchemaIssue } from '../errors/balance-schema-error.js';
import { formatPath } from '../schemas/parse-rows.js';

/** Key renames applied to a document header and to its `Items[]` lines on the wire. */
export interface DocumentFieldRenames {
  /** Header key → key sent to Balance. */
  readonly header?: Readonly<Record<string, string>>;
  /** Line (`Items[]`) key → key sent to Balance. */
  readonly lines?: Readonly<Record<string, string>>;
}

/**
 * Drops `undefined`, `null`, `''` and empty arrays, deeply, so Balance applies its own
 * defaults instead of receiving empty values. `false` and `0` are kept.
 */
export function omitEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(omitEmpty);
  if (value === null || typeof value !== 'object') return value;
  const output: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null || item === '') continue;
    if (Array.isArray(item) && item.length === 0) continue;
    output[key] = omitEmpty(item);
  }
  return output;
}

function renameKeys(
  document: Record<string, unknown>,
  renames: Readonly<Record<string, string>> | undefined,
): Record<string, unknown> {
  if (!renames || Object.keys(renames).length === 0) return document;
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    const target = renames[key];
    // A field the caller already spelled the wire way wins over the renamed one.
    if (target !== undefined && target !== key && target in document) continue;
    output[target ?? key] = value;
  }
  return output;
}

/**
 * Validates documents with `schema` (throwing `BalanceInvalidInputError` with every failing
 * path) and builds the JSON array body: the caller's values in the caller's key order,
 * empty fields dropped, keys renamed per `renames`.
 */
export function buildDocumentBody(
  documents: readonly unknown[],
  schema: z.ZodType,
  options: { readonly template: string; readonly renames?: DocumentFieldRenames | undefined },
): Record<string, unknown>[] {
  const issues: BalanceSchemaIssue[] = [];
  documents.forEach((document, index) => {
    const result = schema.safeParse(document);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const path = documents.length > 1 ? [index, ...issue.path] : issue.path;
      issues.push({ path: formatPath(path) || '(document)', message: issue.message });
    }
  });
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new BalanceInvalidInputError(
      `Invalid ${options.template} document: ${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      { template: options.template, issues },
    );
  }
  return documents.map((document) => {
    const cleaned = omitEmpty(document) as Record<string, unknown>;
    const header = renameKeys(cleaned, options.renames?.header);
    const lines = header.Items;
    if (Array.isArray(lines) && options.renames?.lines) {
      header.Items = lines.map((line) =>
        line !== null && typeof line === 'object'
          ? renameKeys(line as Record<string, unknown>, options.renames?.lines)
          : line,
      );
    }
    return header;
  });
}
