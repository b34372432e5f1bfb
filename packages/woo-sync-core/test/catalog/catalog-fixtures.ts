import {
  type BalanceCatalogItem,
  type CatalogPlannerConfig,
  type CatalogSnapshot,
  type ProductMapping,
  parseSyncConfig,
  resolveStoreConfig,
  type SyncConfigInput,
  type WooProduct,
} from '@balance-sync/woo-sync-core';

/** A deterministic GUID for fixtures: `uid(7)` → `00000000-0000-4000-8000-000000000007`. */
export const uid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const WAREHOUSE = { main: uid(9001), vake: uid(9002), saburtalo: uid(9003) };
export const PRICE = { retail: uid(9101), sale: uid(9102) };
export const GROUP = {
  beverages: uid(100),
  coffee: uid(101),
  tea: uid(102),
  household: uid(103),
  services: uid(104),
  expenses: uid(105),
};

type DeepPartialCatalog = Partial<NonNullable<SyncConfigInput['catalog']>>;

/** A store configuration through the real schema (defaults applied). */
export function makeConfig(
  options: { catalog?: DeepPartialCatalog; store?: Record<string, unknown> } = {},
): CatalogPlannerConfig {
  const config = parseSyncConfig({
    balance: {
      connection: { mode: 'cloud', applicationId: '1550' },
      username: 'api',
      password: 'secret',
    },
    catalog: {
      stock: { mode: 'single', warehouse: WAREHOUSE.main },
      prices: { regularPriceType: PRICE.retail },
      ...options.catalog,
    },
    stores: [
      {
        id: 'main',
        woocommerce: { url: 'https://shop.example.ge', consumerKey: 'ck', consumerSecret: 'cs' },
        ...options.store,
      },
    ],
  });
  return resolveStoreConfig(config, 'main');
}

export function group(u: string, name: string, parent: string | null = null): BalanceCatalogItem {
  return { uid: u, name, parent, isGroup: true, sku: '' };
}

export function item(
  u: string,
  sku: string,
  name: string,
  parent: string | null = GROUP.coffee,
  extra: Partial<BalanceCatalogItem> = {},
): BalanceCatalogItem {
  return { uid: u, name, parent, isGroup: false, sku, ...extra };
}

export function product(fields: Partial<WooProduct> & { id: number; sku: string }): WooProduct {
  return {
    parentId: 0,
    type: 'simple',
    status: 'publish',
    name: `Product ${fields.sku}`,
    regularPrice: '',
    salePrice: '',
    saleFrom: null,
    saleTo: null,
    manageStock: false,
    stockQuantity: null,
    stockStatus: 'instock',
    categoryIds: [],
    meta: [],
    dateModified: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

export function mapping(
  balanceUid: string,
  wooId: number,
  sku: string,
  lastPushed: ProductMapping['lastPushed'] = {},
): ProductMapping {
  return {
    balanceUid,
    wooId,
    wooParentId: 0,
    sku,
    lastPushed,
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

export const standardGroups = (): BalanceCatalogItem[] => [
  group(GROUP.beverages, 'სასმელები'),
  group(GROUP.coffee, 'ყავა', GROUP.beverages),
  group(GROUP.tea, 'ჩაი', GROUP.beverages),
  group(GROUP.household, 'საყოფაცხოვრებო'),
  group(GROUP.services, 'მომსახურება'),
  group(GROUP.expenses, 'ხარჯები'),
];

/** A snapshot with the standard groups; pass the rest. */
export function makeSnapshot(parts: {
  scope?: CatalogSnapshot['scope'];
  items?: BalanceCatalogItem[];
  stocks?: CatalogSnapshot['balance']['stocks'];
  prices?: CatalogSnapshot['balance']['prices'];
  pricingDocuments?: CatalogSnapshot['balance']['pricingDocuments'];
  discounts?: CatalogSnapshot['balance']['discounts'];
  products?: WooProduct[];
  categories?: CatalogSnapshot['store']['categories'];
  pendingOrders?: CatalogSnapshot['store']['pendingOrders'];
  productMappings?: ProductMapping[];
  categoryMappings?: CatalogSnapshot['mappings']['categories'];
}): CatalogSnapshot {
  return {
    storeId: 'main',
    scope: parts.scope ?? 'items',
    balance: {
      items: [...standardGroups(), ...(parts.items ?? [])],
      stocks: parts.stocks ?? [],
      prices: parts.prices ?? [],
      pricingDocuments: parts.pricingDocuments ?? [],
      discounts: parts.discounts ?? [],
    },
    store: {
      products: parts.products ?? [],
      categories: parts.categories ?? [],
      pendingOrders: parts.pendingOrders ?? [],
    },
    mappings: {
      products: parts.productMappings ?? [],
      categories: parts.categoryMappings ?? [],
    },
  };
}

/** Price and stock rows for an item in one go. */
export function priced(
  itemUid: string,
  price: string,
  quantity = '10',
  reserve = '0',
  warehouse = WAREHOUSE.main,
): Pick<CatalogSnapshot['balance'], 'prices' | 'stocks'> {
  return {
    prices: [{ priceType: PRICE.retail, item: itemUid, price }],
    stocks: [{ item: itemUid, warehouse, quantity, reserve }],
  };
}

/**
 * A rough stand-in for what WordPress does to a post title on save (kses: `<script>` blocks and
 * tags removed, a lone `&` becomes `&amp;`; `trim`), for `InMemoryWooCommerce({ filterName })`.
 * The SDK does not imitate it: it remembers what the store stored.
 */
export function ksesLike(name: string): string {
  return name
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&(?!(?:[a-z]+|#\d+);)/gi, '&amp;')
    .trim();
}
