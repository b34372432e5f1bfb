/**
 * Stable codes of catalog errors:
 * - `catalog_read_failed`: a read of Balance, the store or the SyncStore failed, so no plan
 *   was made (nothing was written); fix the cause (see `cause`) and plan again;
 * - `catalog_plan_stale`: the inputs of the plan changed since it was made; make a new plan;
 * - `catalog_plan_invalid`: not a plan, or an edited one; make a new plan;
 * - `catalog_plan_wrong_store`: the plan belongs to a store this engine does not serve;
 * - `catalog_apply_failed`: the apply stopped (e.g. the store is unreachable); progress is
 *   saved, so re-running the same plan (or a new one) finishes the work.
 *
 * @example
 * ```ts
 * if (error instanceof CatalogError && error.code === 'catalog_plan_stale') replan();
 * ```
 */
export type CatalogErrorCode =
  | 'catalog_read_failed'
  | 'catalog_plan_stale'
  | 'catalog_plan_invalid'
  | 'catalog_plan_wrong_store'
  | 'catalog_apply_failed';

/**
 * An error of the catalog import. `code` is stable; the message says what to do next.
 *
 * @example
 * ```ts
 * try {
 *   await engine.catalog.apply(plan);
 * } catch (error) {
 *   if (error instanceof CatalogError && error.code === 'catalog_plan_stale') {
 *     plan = await engine.catalog.plan({ storeId: plan.storeId, scope: plan.scope });
 *   }
 * }
 * ```
 */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  readonly code: CatalogErrorCode;
  /** Structured specifics (which inputs changed, which read failed). No secrets. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: CatalogErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** A JSON form for `--json` output and APIs. */
  toJSON(): { name: string; code: CatalogErrorCode; message: string; details: unknown } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}
