/**
 * The batch engine shared by `…/batch` routes (`WC_REST_Controller::batch_items`): one limit
 * for create + update + delete (413 and nothing applied when exceeded), sections processed in
 * order create → update → delete, item by item, no rollback, no schema validation, per-item
 * errors, forced deletes.
 *
 * Internal module.
 */
import { WooRestError } from './errors.js';
import { phpListValues, phpToInt } from './php.js';
import type { RestResult, RouteContext } from './router.js';

/** What a batch route does per item; each may throw {@link WooRestError}. */
export interface BatchOperations {
  /** Create from raw item parameters (schema defaults already merged). */
  create(item: Record<string, unknown>): unknown;
  /** Update from raw item parameters (`id` inside). */
  update(item: Record<string, unknown>): unknown;
  /** Delete permanently; returns the item as it was. */
  delete(id: number): unknown;
  /** Schema defaults applied to create items (`set_default_params`). */
  createDefaults?: Record<string, unknown>;
}

function asItems(value: unknown): unknown[] {
  if (value === undefined || value === null || value === false || value === '') return [];
  return phpListValues(value);
}

function errorEntry(id: unknown, err: unknown): Record<string, unknown> {
  if (err instanceof WooRestError) {
    return { id, error: { code: err.code, message: err.message, data: err.data } };
  }
  throw err;
}

/** Runs a batch request. */
export function runBatch(ctx: RouteContext, ops: BatchOperations): RestResult {
  const create = asItems(ctx.params.create);
  const update = asItems(ctx.params.update);
  const del = asItems(ctx.params.delete);
  const limit = ctx.store.settings.batchLimit;
  if (create.length + update.length + del.length > limit) {
    throw new WooRestError(
      'woocommerce_rest_request_entity_too_large',
      `Unable to accept more than ${limit} items for this request.`,
      { status: 413 },
    );
  }
  const out: Record<string, unknown[]> = {};
  const push = (section: 'create' | 'update' | 'delete', entry: unknown): void => {
    const list = out[section] ?? [];
    list.push(entry);
    out[section] = list;
  };
  let processed = 0;
  const step = (): void => {
    processed++;
    ctx.afterBatchItem(processed);
  };
  for (const raw of create) {
    const item =
      raw !== null && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : {};
    const params = { ...(ops.createDefaults ?? {}), ...item };
    let entry: unknown;
    try {
      entry = ops.create(params);
    } catch (err) {
      entry = errorEntry(0, err);
    }
    push('create', entry);
    step();
  }
  for (const raw of update) {
    const item =
      raw !== null && typeof raw === 'object' ? { ...(raw as Record<string, unknown>) } : {};
    let entry: unknown;
    try {
      entry = ops.update(item);
    } catch (err) {
      entry = errorEntry(item.id ?? null, err);
    }
    push('update', entry);
    step();
  }
  for (const raw of del) {
    const id = phpToInt(raw);
    if (id === 0) continue;
    let entry: unknown;
    try {
      entry = ops.delete(id);
    } catch (err) {
      entry = errorEntry(id, err);
    }
    push('delete', entry);
    step();
  }
  return { status: 200, data: Object.keys(out).length === 0 ? [] : out };
}
