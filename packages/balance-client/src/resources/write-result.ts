import type { z } from 'zod';
import type { BalanceHttpMethod } from '../retry/retry-policy.js';
import { unwrapList } from '../schemas/list-payload.js';
import type { WriteOutcome } from '../transport/transport.js';

/**
 * A write that was sent. Balance's response shape for writes is not documented: `saved` holds
 * the documents the response contained that match the read model (for Sale: with line
 * `uid`s), `responseBody` the raw parsed body. A 2xx answer that is not JSON at all (empty,
 * cut off, an HTML page from a proxy) is never returned as a result: it raises
 * `BalanceUnexpectedWriteResponseError`, because it does not show that the write was applied.
 *
 * @example
 * ```ts
 * const result = await balance.sales.upsert(sale);
 * if (!result.dryRun) console.log(result.status, result.saved[0]?.Number);
 * ```
 */
export interface BalanceWriteResponse<TSaved> {
  readonly dryRun: false;
  /** HTTP method used. */
  readonly method: BalanceHttpMethod;
  /** URL template. */
  readonly template: string;
  /** Request URL. */
  readonly url: string;
  /** Id shared with the call's events. */
  readonly requestId: string;
  /** Attempts made. */
  readonly attempts: number;
  /** HTTP status. */
  readonly status: number;
  /** Documents found in the response body that match the read model. */
  readonly saved: TSaved[];
  /** The parsed JSON response body, or its text when it was not JSON. */
  readonly responseBody: unknown;
}

/**
 * A write captured by dry run: the exact body that would have been sent, after validation,
 * omission of empty fields and field renames. Nothing was sent.
 *
 * @example
 * ```ts
 * const result = await balance.withDryRun().sales.upsert(sale);
 * if (result.dryRun) console.log(result.method, result.url, JSON.stringify(result.body));
 * ```
 */
export interface BalanceDryRunResult {
  readonly dryRun: true;
  /** HTTP method that would have been used. */
  readonly method: BalanceHttpMethod;
  /** URL template. */
  readonly template: string;
  /** URL that would have been called. */
  readonly url: string;
  /** The JSON array body that would have been sent. */
  readonly body: readonly unknown[];
  /** Id shared with the `dryRun` event. */
  readonly requestId: string;
}

/**
 * Result of a write: sent, or captured by dry run. Narrow on `dryRun`.
 *
 * @example
 * ```ts
 * const result: BalanceWriteResult<BalanceSale> = await balance.sales.upsert(sale);
 * ```
 */
export type BalanceWriteResult<TSaved> = BalanceWriteResponse<TSaved> | BalanceDryRunResult;

/** Turns a transport outcome into a {@link BalanceWriteResult}. */
export function toWriteResult<T extends z.ZodType>(
  outcome: WriteOutcome,
  savedSchema: T,
  wrapperKeys: readonly string[],
): BalanceWriteResult<z.output<T>> {
  if (outcome.dryRun) return outcome;
  const { response } = outcome;
  const rows = response.isJson ? (unwrapList(response.body, wrapperKeys) ?? []) : [];
  const saved: z.output<T>[] = [];
  for (const row of rows) {
    const parsed = savedSchema.safeParse(row);
    if (parsed.success) saved.push(parsed.data);
  }
  return {
    dryRun: false,
    method: response.request.method as BalanceHttpMethod,
    template: response.request.template,
    url: response.request.url,
    requestId: response.request.requestId,
    attempts: response.request.attempts,
    status: response.status,
    saved,
    responseBody: response.isJson ? response.body : response.text,
  };
}
