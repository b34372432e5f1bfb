import type { CatalogConfig } from '../config/sync-config-schema.js';
import type {
  ProductMapping,
  PushedFieldValues,
  PushedValues,
  SentValues,
} from '../ports/sync-store.js';
import type { WooProduct, WooProductFields } from '../ports/woocommerce-port.js';
import { moneyToMinor } from './catalog-decimal.js';
import { BALANCE_UID_META, balanceUidOf } from './catalog-fingerprints.js';
import type {
  CatalogEntryKind,
  CategoryTarget,
  FieldChange,
  FieldConflict,
  MappingRecord,
  ProductWrite,
  SaleValue,
} from './catalog-plan.js';
import type { CatalogScope } from './catalog-snapshot.js';
import { decideField, type FieldDecision } from './field-ownership.js';
import { canonicalSale, saleOfProduct, sameSale } from './sale-state.js';

/**
 * What Balance says a product should look like.
 *
 * @example
 * ```ts
 * const desired: DesiredProduct = { balanceUid, sku: 'CF-001', name: 'Espresso', regularPrice: '18.90', sale: null, stock: 38 };
 * ```
 */
export interface DesiredProduct {
  balanceUid: string;
  sku: string;
  name: string;
  /** Two-decimal string (`"18.90"`); absent for stock-only plans. */
  regularPrice?: string;
  /** The canonical sale (see `canonicalSale`), `null` for none; absent for stock-only plans. */
  sale?: SaleValue | null;
  /** Whole units. */
  stock: number;
  /** The categories, or `undefined` when no mapped group covers the item. */
  categories?: CategoryTarget[];
}

/**
 * The settings a product decision depends on.
 *
 * @example
 * ```ts
 * const context: ProductDecisionContext = { ownership: catalog.ownership, scope: 'items', now: new Date(), skuAvailable: true };
 * ```
 */
export interface ProductDecisionContext {
  ownership: CatalogConfig['ownership'];
  scope: CatalogScope;
  now: Date;
  /**
   * Whether the desired SKU may be written (no other product uses it, and no other Balance
   * item has it).
   */
  skuAvailable: boolean;
  /**
   * WooCommerce's default category ("Uncategorized"), which a product without categories
   * is put in; a product only in it counts as having no categories.
   */
  defaultCategoryId?: number;
}

/**
 * The outcome of comparing an item with its store product.
 *
 * @example
 * ```ts
 * const { kind, write, record } = decideProduct(desired, product, mapping, 'linked', context);
 * ```
 */
export interface ProductDecision {
  kind: Extract<CatalogEntryKind, 'adopt' | 'update' | 'unchanged' | 'conflict'>;
  reason?: 'edited-in-store' | 'store-value-differs' | 'sku-taken';
  changes: FieldChange[];
  conflicts: FieldConflict[];
  write?: ProductWrite;
  record?: MappingRecord;
}

/** The fields of a sale in pushed values. */
const SALE_KEYS = [
  'salePrice',
  'saleFrom',
  'saleTo',
] as const satisfies readonly (keyof SentValues)[];

const sameIds = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  return sa.every((v, i) => v === sb[i]);
};

const sameMoney = (a: string | undefined, b: string | undefined): boolean =>
  (a === undefined || a === '' ? undefined : moneyToMinor(a)) ===
  (b === undefined || b === '' ? undefined : moneyToMinor(b));

const pushedSale = (pushed: PushedFieldValues): SaleValue | null | undefined =>
  pushed.salePrice === undefined
    ? undefined
    : pushed.salePrice === ''
      ? null
      : { price: pushed.salePrice, from: pushed.saleFrom ?? null, to: pushed.saleTo ?? null };

/**
 * Compares one Balance item with its store product, field by field under the ownership
 * rules, and says what to write and what to remember.
 *
 * `mode` is `linked` for a product already mapped to the item, `adopt` for one being linked
 * now (by SKU, or because it already carries the item's `_balance_uid`). Variations get no
 * name or category writes (WooCommerce derives those from the parent).
 *
 * @example
 * ```ts
 * const decision = decideProduct(desired, product, mapping, 'linked', context);
 * decision.kind; // 'update'
 * decision.changes; // [{ field: 'regularPrice', from: '17.50', to: '18.90' }]
 * ```
 */
export function decideProduct(
  desired: DesiredProduct,
  product: WooProduct,
  mapping: ProductMapping | undefined,
  mode: 'linked' | 'adopt',
  context: ProductDecisionContext,
): ProductDecision {
  const { ownership, now, scope } = context;
  const last: PushedValues = mapping?.lastPushed ?? {};
  // What the SDK sent for fields the store stored differently (absent: stored as sent).
  const lastSent: SentValues = last.sent ?? {};
  const pushed: PushedValues = { ...last };
  const sent: SentValues = { ...lastSent };
  let pendingCategories: CategoryTarget[] | undefined;
  const fields: WooProductFields = {};
  let categories: CategoryTarget[] | undefined;
  const changes: FieldChange[] = [];
  const conflicts: FieldConflict[] = [];
  const isVariation = product.parentId > 0 || product.type === 'variation';
  let skuBlocked = false;

  const settle = (
    field: FieldChange['field'],
    sentKeys: readonly (keyof SentValues)[],
    decision: FieldDecision,
    values: { store: unknown; lastPushed: unknown; balance: unknown },
    remember: () => void,
    send: () => void,
  ) => {
    // `unchanged` keeps what was remembered, the value sent included. Otherwise the field is
    // remembered as Balance's value; after a write the applier records what the store stored.
    if (decision === 'in-sync' || decision === 'write') {
      for (const key of sentKeys) delete sent[key];
    }
    if (decision === 'in-sync') remember();
    else if (decision === 'write') {
      remember();
      send();
      changes.push({ field, from: values.store, to: values.balance });
    } else if (decision === 'conflict') {
      conflicts.push({ field, ...values });
    }
  };

  if (scope === 'items') {
    // The SKU is Balance's key: always Balance-owned; a linked product follows its item.
    const storeSku = product.sku.trim();
    // WooCommerce stored the SKU last sent as something else (`wc_clean`), and still has it.
    const skuStoredAsSent =
      mode === 'linked' &&
      lastSent.sku !== undefined &&
      lastSent.sku === desired.sku &&
      mapping?.sku.trim() === storeSku;
    if (desired.sku === storeSku) {
      delete sent.sku;
    } else if (!skuStoredAsSent) {
      if (context.skuAvailable) {
        fields.sku = desired.sku;
        delete sent.sku;
        changes.push({ field: 'sku', from: product.sku, to: desired.sku });
      } else {
        skuBlocked = true;
      }
    }

    if (!isVariation) {
      settle(
        'name',
        ['name'],
        decideField(
          ownership.name,
          {
            desired: desired.name,
            current: product.name.trim(),
            lastPushed: last.name,
            lastSent: lastSent.name,
          },
          (a, b) => a === b,
        ),
        { store: product.name, lastPushed: last.name, balance: desired.name },
        () => {
          pushed.name = desired.name;
        },
        () => {
          fields.name = desired.name;
        },
      );
    }

    if (desired.regularPrice !== undefined) {
      const regular = desired.regularPrice;
      settle(
        'regularPrice',
        ['regularPrice'],
        decideField(
          ownership.regularPrice,
          {
            desired: regular,
            current: product.regularPrice,
            lastPushed: last.regularPrice,
            lastSent: lastSent.regularPrice,
          },
          sameMoney,
          undefined,
          (current) => current.trim() === '',
        ),
        { store: product.regularPrice, lastPushed: last.regularPrice, balance: regular },
        () => {
          pushed.regularPrice = regular;
        },
        () => {
          fields.regularPrice = regular;
        },
      );
    }

    if (desired.sale !== undefined) {
      const sale = canonicalSale(desired.sale, now);
      const current = saleOfProduct(product);
      const lastSale = pushedSale(last);
      settle(
        'sale',
        SALE_KEYS,
        decideField<SaleValue | null>(
          ownership.salePrice,
          { desired: sale, current, lastPushed: lastSale, lastSent: pushedSale(lastSent) },
          (a, b) => sameSale(a, b, now),
        ),
        { store: current, lastPushed: lastSale, balance: sale },
        () => {
          pushed.salePrice = sale?.price ?? '';
          pushed.saleFrom = sale?.from ?? null;
          pushed.saleTo = sale?.to ?? null;
        },
        () => {
          fields.salePrice = sale?.price ?? '';
          fields.saleFrom = sale?.from ?? null;
          fields.saleTo = sale?.to ?? null;
        },
      );
    }

    if (!isVariation && desired.categories !== undefined) {
      const targets = desired.categories;
      const known = targets.every((t) => t.id !== undefined);
      // A category still to be created by this plan is certainly a change.
      const desiredIds = known ? targets.map((t) => t.id as number) : undefined;
      settle(
        'categories',
        ['categoryIds'],
        decideField<readonly number[] | undefined>(
          ownership.categories,
          {
            desired: desiredIds,
            current: product.categoryIds,
            lastPushed: last.categoryIds,
            lastSent: lastSent.categoryIds,
          },
          (a, b) => a !== undefined && b !== undefined && sameIds(a, b),
          undefined,
          (current) =>
            current === undefined ||
            current.length === 0 ||
            (current.length === 1 && current[0] === context.defaultCategoryId),
        ),
        { store: product.categoryIds, lastPushed: last.categoryIds, balance: targets },
        () => {
          if (desiredIds) pushed.categoryIds = desiredIds;
          else {
            delete pushed.categoryIds;
            pendingCategories = targets;
          }
        },
        () => {
          categories = targets;
        },
      );
    }
  }

  {
    const current = product.manageStock ? product.stockQuantity : null;
    settle(
      'stock',
      ['stockQuantity'],
      decideField<number | null>(
        ownership.stock,
        {
          desired: desired.stock,
          current,
          lastPushed: last.stockQuantity,
          lastSent: lastSent.stockQuantity,
        },
        (a, b) => a === b,
        // Orders decrement stock in WooCommerce: a lower store value is WooCommerce's own doing.
        (currentValue, lastValue) =>
          currentValue !== null && lastValue !== null && currentValue < lastValue,
        (currentValue) => currentValue === null,
      ),
      { store: current, lastPushed: last.stockQuantity, balance: desired.stock },
      () => {
        pushed.stockQuantity = desired.stock;
      },
      () => {
        fields.manageStock = true;
        fields.stockQuantity = desired.stock;
      },
    );
  }

  // WooCommerce silently drops a sale price that is not below the regular price the product
  // will have. When the store keeps its own regular price (store-owned or edited), a sale
  // from Balance may not fit under it: leave the sale alone and report it.
  if (fields.salePrice !== undefined && fields.salePrice !== '') {
    const regular = moneyToMinor(fields.regularPrice ?? product.regularPrice);
    const sale = moneyToMinor(fields.salePrice);
    if (regular === undefined || sale === undefined || sale >= regular) {
      const current = saleOfProduct(product);
      conflicts.push({
        field: 'sale',
        store: current,
        lastPushed: pushedSale(last),
        balance: {
          price: fields.salePrice,
          from: fields.saleFrom ?? null,
          to: fields.saleTo ?? null,
        },
      });
      delete fields.salePrice;
      delete fields.saleFrom;
      delete fields.saleTo;
      const index = changes.findIndex((c) => c.field === 'sale');
      if (index >= 0) changes.splice(index, 1);
      pushed.salePrice = last.salePrice;
      pushed.saleFrom = last.saleFrom;
      pushed.saleTo = last.saleTo;
      if (last.salePrice === undefined) {
        delete pushed.salePrice;
        delete pushed.saleFrom;
        delete pushed.saleTo;
      }
      for (const key of SALE_KEYS) {
        if (lastSent[key] === undefined) delete sent[key];
        else (sent as Record<string, unknown>)[key] = lastSent[key];
      }
    }
  }
  if (Object.keys(sent).length > 0) pushed.sent = sent;
  else delete pushed.sent;

  const linking = mode === 'adopt' || mapping === undefined || mapping.wooId !== product.id;
  if (balanceUidOf(product) !== desired.balanceUid) {
    fields.meta = [{ key: BALANCE_UID_META, value: desired.balanceUid }];
  }

  const write: ProductWrite | undefined =
    Object.keys(fields).length > 0 || categories !== undefined
      ? { fields, ...(categories ? { categories } : {}) }
      : undefined;

  const sku = fields.sku ?? product.sku;
  const recordChanged =
    linking ||
    mapping.sku !== sku ||
    pendingCategories !== undefined ||
    !samePushed(last, pushed, now);
  const record: MappingRecord | undefined =
    recordChanged || write
      ? { sku, pushed, ...(pendingCategories ? { pendingCategories } : {}) }
      : undefined;

  let kind: ProductDecision['kind'];
  let reason: ProductDecision['reason'];
  if (conflicts.length > 0) {
    kind = 'conflict';
    reason = conflicts.some((c) => c.lastPushed === undefined)
      ? 'store-value-differs'
      : 'edited-in-store';
  } else if (skuBlocked) {
    kind = 'conflict';
    reason = 'sku-taken';
  } else if (linking) kind = 'adopt';
  else if (write) kind = 'update';
  else kind = 'unchanged';

  return {
    kind,
    ...(reason ? { reason } : {}),
    changes,
    conflicts,
    ...(write ? { write } : {}),
    ...(record ? { record } : {}),
  };
}

/**
 * Whether two sets of pushed values mean the same thing from `now` on (the values sent for
 * fields stored differently included).
 *
 * @example
 * ```ts
 * samePushed({ regularPrice: '18.9' }, { regularPrice: '18.90' }, new Date()); // true
 * ```
 */
export function samePushed(a: PushedValues, b: PushedValues, now: Date): boolean {
  const sentA = a.sent ?? {};
  const sentB = b.sent ?? {};
  return (
    sameFieldValues(a, b, now) && sentA.sku === sentB.sku && sameFieldValues(sentA, sentB, now)
  );
}

function sameFieldValues(a: PushedFieldValues, b: PushedFieldValues, now: Date): boolean {
  if (a.name !== b.name) return false;
  if (!sameMoney(a.regularPrice, b.regularPrice)) return false;
  const sa = pushedSale(a);
  const sb = pushedSale(b);
  if (sa === undefined || sb === undefined ? sa !== sb : !sameSale(sa, sb, now)) return false;
  if (a.stockQuantity !== b.stockQuantity) return false;
  if (a.status !== b.status) return false;
  return sameIds(a.categoryIds, b.categoryIds);
}

/**
 * Forgets the values sent for `keys` (the fields are about to be written again, or are in
 * sync): `pushed.sent` loses those keys, and disappears when empty.
 *
 * @example
 * ```ts
 * const pushed = { status: 'draft', sent: { status: 'bogus' } };
 * forgetSent(pushed, ['status']); // pushed.sent is gone
 * ```
 */
export function forgetSent(pushed: PushedValues, keys: readonly (keyof SentValues)[]): void {
  if (!pushed.sent) return;
  const sent: SentValues = { ...pushed.sent };
  for (const key of keys) delete sent[key];
  if (Object.keys(sent).length > 0) pushed.sent = sent;
  else delete pushed.sent;
}

/**
 * What to remember after a write, from the product WooCommerce returned for it. For each
 * field the write sent, the value the store **stored** becomes the last pushed value, and
 * where it differs from the value sent, the value sent is kept in `pushed.sent` — so the next
 * plan sees neither a manual edit (the store still holds what it stored) nor a change in
 * Balance (Balance still says what was sent). WooCommerce rewrites some values on save:
 * names go through `wp_filter_post_kses` (`<script>` removed, entities normalised) and an
 * empty one becomes "Product", SKUs through `wc_clean`, unknown category ids are dropped, and
 * stock is not kept when the store does not manage stock.
 *
 * Prices and the sale are remembered as sent: WooCommerce stores them as sent (the planner
 * never sends a sale that WooCommerce would clear), and the product a batch update returns is
 * in `view` context, where pricing plugins' filters apply.
 *
 * @param record - the plan's record (`sku` and `pushed`, categories already resolved)
 * @param fieldsSent - the fields the write sent (category ids resolved)
 * @param stored - the product as WooCommerce returned it after the write
 * @example
 * ```ts
 * const { sku, pushed } = rememberStored(entry.record, draft, outcome.item);
 * ```
 */
export function rememberStored(
  record: { sku: string; pushed: PushedValues },
  fieldsSent: WooProductFields,
  stored: WooProduct,
): { sku: string; pushed: PushedValues } {
  const pushed: PushedValues = { ...record.pushed };
  const sent: SentValues = { ...(record.pushed.sent ?? {}) };
  let sku = record.sku;
  const note = <K extends keyof PushedFieldValues>(
    key: K,
    sentValue: PushedFieldValues[K],
    storedValue: PushedFieldValues[K],
    same: (a: PushedFieldValues[K], b: PushedFieldValues[K]) => boolean,
  ) => {
    if (same(sentValue, storedValue)) {
      pushed[key] = sentValue;
      delete sent[key];
    } else {
      pushed[key] = storedValue;
      sent[key] = sentValue;
    }
  };
  const isVariation = stored.parentId > 0 || stored.type === 'variation';
  if (fieldsSent.sku !== undefined) {
    const sentSku = fieldsSent.sku.trim();
    if (stored.sku.trim() === sentSku) delete sent.sku;
    else {
      sku = stored.sku;
      sent.sku = sentSku;
    }
  }
  if (fieldsSent.name !== undefined && !isVariation) {
    note('name', fieldsSent.name, stored.name.trim(), (a, b) => a === b);
  }
  if (fieldsSent.stockQuantity !== undefined) {
    note(
      'stockQuantity',
      fieldsSent.stockQuantity,
      stored.manageStock ? stored.stockQuantity : null,
      (a, b) => a === b,
    );
  }
  if (fieldsSent.categoryIds !== undefined && !isVariation) {
    note('categoryIds', fieldsSent.categoryIds, [...stored.categoryIds], sameIds);
  }
  if (fieldsSent.status !== undefined) {
    note('status', fieldsSent.status, stored.status, (a, b) => a === b);
  }
  if (fieldsSent.regularPrice !== undefined) delete sent.regularPrice;
  if (fieldsSent.salePrice !== undefined) for (const key of SALE_KEYS) delete sent[key];
  if (Object.keys(sent).length > 0) pushed.sent = sent;
  else delete pushed.sent;
  return { sku, pushed };
}
