import type { WooBatchOutcome, WooItemError } from '@balance-sync/woo-sync-core';
import { WooCommerceAuthError } from '../errors/woocommerce-auth-error.js';
import { WooCommerceError, type WooCommerceRequestInfo } from '../errors/woocommerce-error.js';
import { WooCommerceHttpError } from '../errors/woocommerce-http-error.js';
import { WooCommerceSchemaError } from '../errors/woocommerce-schema-error.js';
import { fromWireItemError } from '../mapping/item-error-mapping.js';
import type { WooRestContext } from '../resources/woo-rest-context.js';
import { batchErrorEntrySchema, batchResponseSchema } from '../schemas/batch-wire.js';
import { validateResponse } from '../schemas/validate-response.js';

/** One item of a batch, with its place in the caller's outcome list. */
export interface BatchItem {
  /** Position in the outcome list. */
  readonly index: number;
  readonly op: 'create' | 'update';
  readonly ref: string | undefined;
  /** The id of an update. */
  readonly id: number | undefined;
  /** The item as WooCommerce JSON (`{id, …}` for updates). */
  readonly wire: Record<string, unknown>;
}

/** One batch endpoint: where to send, how to read a success entry, how to find lost creates. */
export interface BatchEndpoint<T> {
  /** Path of the batch route, e.g. `/products/batch`. */
  readonly path: string;
  /** Validates and maps a successful entry of the response. */
  parse(entry: unknown, request: WooCommerceRequestInfo): T;
  /**
   * Looks up creates whose outcome is unknown; returns the items found, by `index`. Creates it
   * cannot check (no SKU) are left out and fail instead of being sent again.
   */
  recover(
    creates: readonly BatchItem[],
  ): Promise<{ found: Map<number, T>; checkable: Set<number> }>;
}

type Outcomes<T> = WooBatchOutcome<T>[];

function failure(item: BatchItem, error: WooItemError): WooBatchOutcome<never> {
  return {
    op: item.op,
    status: 'failed',
    ...(item.ref === undefined ? {} : { ref: item.ref }),
    ...(item.id === undefined ? {} : { id: item.id }),
    error,
  };
}

function errorOf(error: WooCommerceError, detail?: string): WooItemError {
  return {
    code: error instanceof WooCommerceHttpError && error.wooCode ? error.wooCode : error.code,
    message: detail ? `${error.message} — ${detail}` : error.message,
    status: error instanceof WooCommerceHttpError ? error.status : 0,
  };
}

// A failure after which the store may or may not have applied the batch.
function isAmbiguous(error: WooCommerceError): boolean {
  if (error instanceof WooCommerceHttpError) return error.status === 408 || error.status >= 500;
  return (
    error.code === 'WOOCOMMERCE_NETWORK_ERROR' ||
    error.code === 'WOOCOMMERCE_TIMEOUT' ||
    error instanceof WooCommerceSchemaError
  );
}

/**
 * Sends `items` (creates first, then updates, as they come) in calls of at most the batch
 * limit, in parallel up to the adapter's concurrency, and fills one outcome per item:
 * - per-item errors become `failed` outcomes;
 * - a 413 halves the call (and the adapter's limit) and sends both halves;
 * - a call with creates that fails ambiguously (network, timeout, 5xx, unreadable body) is
 *   never re-sent as it was: the creates are looked up, the ones found become `created` with
 *   `recovered: true`, and only the missing ones (with the updates) are sent again;
 * - other failures of a whole call fail its items; an authentication error is thrown.
 */
export async function runBatch<T>(
  context: WooRestContext,
  endpoint: BatchEndpoint<T>,
  items: readonly BatchItem[],
): Promise<Outcomes<T>> {
  const outcomes: Outcomes<T> = [];
  const limit = context.batchLimit.current;
  const calls: BatchItem[][] = [];
  for (let start = 0; start < items.length; start += limit) {
    calls.push(items.slice(start, start + limit));
  }
  await Promise.all(calls.map((call) => sendCall(context, endpoint, call, outcomes)));
  return outcomes;
}

async function sendCall<T>(
  context: WooRestContext,
  endpoint: BatchEndpoint<T>,
  call: BatchItem[],
  outcomes: Outcomes<T>,
): Promise<void> {
  let pending = call;
  for (let round = 0; pending.length > 0; round += 1) {
    let unresolved: BatchItem[];
    let cause: WooCommerceError;
    try {
      unresolved = await sendOnce(context, endpoint, pending, outcomes);
      if (unresolved.length === 0) return;
      cause = new WooCommerceSchemaError(
        `WooCommerce POST ${endpoint.path} answered without an entry for ${unresolved.length} item(s)`,
        { request: undefined, issues: [{ path: '', message: 'fewer entries than items sent' }] },
      );
    } catch (error) {
      if (!(error instanceof WooCommerceError)) throw error;
      if (error instanceof WooCommerceAuthError) throw error;
      if (error instanceof WooCommerceHttpError && error.status === 413) {
        await splitAfter413(context, endpoint, pending, outcomes, error);
        return;
      }
      const hasCreates = pending.some((item) => item.op === 'create');
      if (!hasCreates || !isAmbiguous(error)) {
        for (const item of pending) outcomes[item.index] = failure(item, errorOf(error));
        return;
      }
      unresolved = pending;
      cause = error;
    }

    const creates = unresolved.filter((item) => item.op === 'create');
    const updates = unresolved.filter((item) => item.op === 'update');
    const missing: BatchItem[] = [];
    if (creates.length > 0) {
      await context.sleep(context.backoff(round));
      let lookup: Awaited<ReturnType<BatchEndpoint<T>['recover']>>;
      try {
        lookup = await endpoint.recover(creates);
      } catch (lookupError) {
        // Without proof either way, nothing is sent again.
        const detail = `the lookup that would tell whether it was created failed too (${
          lookupError instanceof Error ? lookupError.message : String(lookupError)
        })`;
        for (const item of unresolved) outcomes[item.index] = failure(item, errorOf(cause, detail));
        return;
      }
      for (const item of creates) {
        const found = lookup.found.get(item.index);
        if (found !== undefined) {
          outcomes[item.index] = {
            op: 'create',
            status: 'created',
            ref: item.ref ?? '',
            item: found,
            recovered: true,
          };
        } else if (!lookup.checkable.has(item.index)) {
          outcomes[item.index] = failure(
            item,
            errorOf(
              cause,
              'it may have been created; without a SKU it cannot be checked, so it was not sent again',
            ),
          );
        } else missing.push(item);
      }
      context.events.emit('recovery', {
        endpoint: endpoint.path,
        unknown: creates.length,
        found: lookup.found.size,
        resent: round < context.retryLimit ? missing.length : 0,
      });
      context.logger.warn(
        {
          endpoint: endpoint.path,
          unknown: creates.length,
          found: lookup.found.size,
          missing: missing.length,
        },
        'WooCommerce batch with creates failed without a clear answer; looked the items up instead of re-sending',
      );
    }
    if (round >= context.retryLimit) {
      for (const item of [...missing, ...updates])
        outcomes[item.index] = failure(item, errorOf(cause));
      return;
    }
    if (creates.length === 0) await context.sleep(context.backoff(round));
    pending = [...missing, ...updates];
  }
}

async function splitAfter413<T>(
  context: WooRestContext,
  endpoint: BatchEndpoint<T>,
  pending: BatchItem[],
  outcomes: Outcomes<T>,
  error: WooCommerceHttpError,
): Promise<void> {
  if (pending.length <= 1) {
    for (const item of pending) outcomes[item.index] = failure(item, errorOf(error));
    return;
  }
  const half = Math.ceil(pending.length / 2);
  if (context.batchLimit.current > half) {
    context.batchLimit.current = half;
    context.logger.warn(
      { endpoint: endpoint.path, batchLimit: half },
      'WooCommerce refused a batch as too large (413); sending smaller batches from now on',
    );
  }
  // Nothing was applied (the store checks the size first), so both halves are sent as they are.
  await sendCall(context, endpoint, pending.slice(0, half), outcomes);
  await sendCall(context, endpoint, pending.slice(half), outcomes);
}

/** One HTTP call; returns the items the response had no entry for. */
async function sendOnce<T>(
  context: WooRestContext,
  endpoint: BatchEndpoint<T>,
  pending: readonly BatchItem[],
  outcomes: Outcomes<T>,
): Promise<BatchItem[]> {
  const creates = pending.filter((item) => item.op === 'create');
  const updates = pending.filter((item) => item.op === 'update');
  const response = await context.http.send({
    method: 'POST',
    path: endpoint.path,
    query: { context: 'edit' },
    body: {
      ...(creates.length > 0 ? { create: creates.map((item) => item.wire) } : {}),
      ...(updates.length > 0 ? { update: updates.map((item) => item.wire) } : {}),
    },
    // Updates are idempotent; creates are only repeated after a lookup (see sendCall).
    idempotent: creates.length === 0,
  });
  const body = validateResponse(
    batchResponseSchema,
    response.body,
    'batch result',
    response.request,
  );
  const unresolved: BatchItem[] = [];
  const read = (section: readonly BatchItem[], entries: readonly unknown[] | undefined) => {
    section.forEach((item, position) => {
      const entry = entries?.[position];
      if (entry === undefined) {
        unresolved.push(item);
        return;
      }
      if (typeof entry === 'object' && entry !== null && 'error' in entry) {
        const parsed = validateResponse(
          batchErrorEntrySchema,
          entry,
          'batch error',
          response.request,
        );
        outcomes[item.index] = failure(item, fromWireItemError(parsed, context.redactor));
        return;
      }
      let value: T;
      try {
        value = endpoint.parse(entry, response.request);
      } catch (error) {
        if (!(error instanceof WooCommerceError)) throw error;
        outcomes[item.index] = failure(item, errorOf(error));
        return;
      }
      outcomes[item.index] =
        item.op === 'create'
          ? { op: 'create', status: 'created', ref: item.ref ?? '', item: value }
          : {
              op: 'update',
              status: 'updated',
              ...(item.ref === undefined ? {} : { ref: item.ref }),
              id: item.id ?? 0,
              item: value,
            };
    });
  };
  read(creates, body.create);
  read(updates, body.update);
  return unresolved;
}
