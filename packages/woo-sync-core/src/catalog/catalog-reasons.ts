/**
 * Why an item is skipped. Each has a fixed explanation and a fix in
 * {@link catalogReasonHelp} and in `docs/catalog-import.md`.
 *
 * @example
 * ```ts
 * const reason: CatalogSkipReason = 'service-item';
 * ```
 */
export type CatalogSkipReason =
  | 'excluded-group'
  | 'service-item'
  | 'no-sku'
  | 'not-in-exchange'
  | 'missing-price'
  | 'invalid-price'
  | 'invalid-sale-price'
  | 'sale-not-below-regular'
  | 'linked-product-deleted'
  | 'not-imported';

/**
 * Why an item needs a person before it can be imported or updated.
 *
 * @example
 * ```ts
 * const reason: CatalogConflictReason = 'duplicate-sku-in-store';
 * ```
 */
export type CatalogConflictReason =
  | 'duplicate-sku-in-balance'
  | 'duplicate-sku-in-store'
  | 'sku-owned-by-other-item'
  | 'duplicate-link'
  | 'unsupported-product-type'
  | 'sku-taken'
  | 'edited-in-store'
  | 'store-value-differs';

/**
 * Why a category cannot be used.
 *
 * @example
 * ```ts
 * plan.categories.filter((c) => c.reason === 'category-not-found');
 * ```
 */
export type CategoryConflictReason = 'category-not-found';

/**
 * A warning on an entry that is still imported (its kind is unchanged): something in
 * Balance's data the merchant should look at.
 *
 * @example
 * ```ts
 * plan.entries.filter((e) => e.reason === 'unknown-group'); // created or updated without a category
 * ```
 */
export type CatalogWarningReason = 'unknown-group' | 'group-cycle';

/**
 * Every reason code a plan entry can carry.
 *
 * @example
 * ```ts
 * catalogReasonHelp[entry.reason as CatalogReason].fix;
 * ```
 */
export type CatalogReason =
  | CatalogSkipReason
  | CatalogConflictReason
  | CategoryConflictReason
  | CatalogWarningReason
  | 'missing-in-balance';

/**
 * The explanation and the fix of one reason.
 *
 * @example
 * ```ts
 * const { means, fix } = catalogReasonHelp['missing-price'];
 * ```
 */
export interface CatalogReasonHelp {
  /** One sentence: what happened. */
  means: string;
  /** What the merchant does about it. */
  fix: string;
}

/**
 * What each reason means and what to do about it (the same text as the table in
 * `docs/catalog-import.md`).
 *
 * @example
 * ```ts
 * catalogReasonHelp['no-sku'].fix; // "Give the item a code in Balance …"
 * ```
 */
export const catalogReasonHelp: Readonly<Record<CatalogReason, CatalogReasonHelp>> = {
  'excluded-group': {
    means: 'The item is in an excluded group or in a descendant of one.',
    fix: 'Nothing, if it should not be sold online. Otherwise remove the group from `stores[].categories.excludedGroups` or move the item in Balance.',
  },
  'service-item': {
    means:
      'The item is a service (by its item type or its group) and services are not sold online.',
    fix: 'Nothing for shipping/fees. To sell it, set `catalog.services.sellServices: true` or list its uid in `catalog.services.sellOnline`.',
  },
  'no-sku': {
    means: 'The SKU field configured in `catalog.skuField` is empty on this item.',
    fix: 'Give the item a code (or internal article) in Balance, or change `catalog.skuField`.',
  },
  'not-in-exchange': {
    means:
      'The item has neither a price nor a stock line in the exchange profile: Balance’s stock item filter leaves it out.',
    fix: 'Add the item (or its group) to the integration’s item filter in Balance, or exclude its group.',
  },
  'missing-price': {
    means: 'The item has no price of the regular price type (`catalog.prices.regularPriceType`).',
    fix: 'Set a price of that type in Balance (an Item Pricing document), then re-run the import.',
  },
  'invalid-price': {
    means: 'The regular price is not a positive amount.',
    fix: 'Correct the price in Balance.',
  },
  'invalid-sale-price': {
    means: 'The sale price is below `catalog.prices.minimumSalePrice` or not a number.',
    fix: 'Correct the sale price (or the discount) in Balance.',
  },
  'sale-not-below-regular': {
    means: 'The sale price is not below the regular price; WooCommerce would silently drop it.',
    fix: 'Lower the sale price or end the sale in Balance.',
  },
  'linked-product-deleted': {
    means: 'The item was imported before, but its WooCommerce product has been deleted or trashed.',
    fix: 'Restore the product from the trash; or, to have it created again as a draft, remove the link (`SyncStore.products.remove(storeId, [uid])`).',
  },
  'not-imported': {
    means: 'A stock import only updates products that are already linked; this item has none yet.',
    fix: 'Run the item import (`scope: "items"`) first.',
  },
  'duplicate-sku-in-balance': {
    means: 'Several Balance items have this SKU; the SDK cannot tell which one the product is.',
    fix: 'Give each item its own code in Balance.',
  },
  'duplicate-sku-in-store': {
    means: 'Several WooCommerce products have this SKU; the SDK cannot tell which one to link.',
    fix: 'Delete or re-code the extra products in WooCommerce.',
  },
  'sku-owned-by-other-item': {
    means: 'The WooCommerce product with this SKU is already linked to another Balance item.',
    fix: 'Check which Balance item the product really is; correct the codes in Balance, or unlink the product.',
  },
  'duplicate-link': {
    means:
      'Several WooCommerce products carry this item’s `_balance_uid` (e.g. a product duplicated in wp-admin).',
    fix: 'Delete the copies, or remove the `_balance_uid` meta from all but one.',
  },
  'unsupported-product-type': {
    means:
      'The product with this SKU is a variable or grouped product, which has no price or stock of its own.',
    fix: 'Give the parent product another SKU in WooCommerce, or use the SKU on a variation.',
  },
  'sku-taken': {
    means:
      'The item’s SKU changed in Balance, and another WooCommerce product already uses the new SKU.',
    fix: 'Re-code or delete the other product; the other fields are still updated.',
  },
  'edited-in-store': {
    means:
      'A field owned as `balance-unless-edited` was changed in WooCommerce since the SDK last wrote it, so it is not overwritten.',
    fix: 'Keep the store value: set that field’s ownership to `store`. Take Balance’s value: set it to `balance` for one import, or type Balance’s value into the product. The other fields are still updated.',
  },
  'store-value-differs': {
    means:
      'A field owned as `balance-unless-edited` differs from Balance on a product the SDK has not written yet (typically a product being adopted), so it is not overwritten.',
    fix: 'Take Balance’s value: set that field’s ownership to `balance` for one import. Keep the store value: set it to `store`. The product is still linked and its other fields updated.',
  },
  'category-not-found': {
    means: 'The WooCommerce category id configured for this group does not exist in the store.',
    fix: 'Correct `stores[].categories.mapping`, or map the group to "create".',
  },
  'unknown-group': {
    means:
      'The item’s group is not a group Balance returned (deleted, or left out of the exchange), so the product gets no category from Balance. It is still imported.',
    fix: 'Check the item’s group in Balance (move the item to an existing group, or add the group to the exchange). Or map that group uid to a category id in `stores[].categories.mapping`; listing it in `stores[].categories.excludedGroups` skips its items.',
  },
  'group-cycle': {
    means:
      'The groups above the item form a loop in Balance (a group is its own ancestor), so the groups beyond the loop — their categories and exclusions — are not seen. It is still imported.',
    fix: 'Correct the parent of one of the listed groups in Balance so the tree ends at a top-level group.',
  },
  'missing-in-balance': {
    means:
      'The item this product was linked to is gone from Balance; the `catalog.missingItems` policy applies.',
    fix: 'Nothing, if the item was retired. Otherwise restore it in Balance; `keep`, `draft` or `out-of-stock` decides what happens meanwhile.',
  },
};
