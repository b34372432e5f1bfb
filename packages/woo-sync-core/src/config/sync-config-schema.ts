import { z } from 'zod';

/*
 * The whole configuration of a deployment, as one zod schema (DESIGN §6). Shared catalog and
 * order settings live at the top; each store may override any of their top-level fields
 * (shallow: a field given on the store replaces the shared one as a whole).
 *
 * Field schemas are declared once without defaults (`*Fields`), then combined into the
 * shared sections (with defaults) and the store overrides (all optional, no defaults), so an
 * override never silently re-applies a default over a shared value.
 */

const guid = z.guid().describe('A Balance GUID (8-4-4-4-12 hex digits).');
const balanceRef = z
  .string()
  .min(1)
  .describe(
    'A Balance reference: a GUID (preferred) or, where the tenant search settings allow, a code or name.',
  );
const secret = z.string().min(1);

/** Field ownership modes (DESIGN §4). */
export const ownershipModeSchema = z
  .enum(['balance', 'store', 'balance-unless-edited'])
  .describe(
    '`balance`: Balance wins. `store`: set once at creation, then the store owns it. `balance-unless-edited`: overwrite only while the store value still equals what the SDK last pushed; otherwise report a conflict.',
  );

// ---------------------------------------------------------------- Balance connection

const cloudConnectionSchema = z.strictObject({
  mode: z.literal('cloud'),
  applicationId: z
    .string()
    .regex(/^\d+$/, 'must be the numeric Application ID of the Balance cloud base, e.g. "1550"'),
  segment: z
    .enum(['o', 'a'])
    .default('o')
    .describe('Cloud publication segment (`sm/o` documented; `sm/a` used by some tenants).'),
  origin: z
    .url()
    .optional()
    .describe('Cloud origin override (proxies, simulators). Default https://cloud.balance.ge'),
});

const onPremConnectionSchema = z.strictObject({
  mode: z.literal('onprem'),
  baseUrl: z.url().describe('Scheme, host and port of the 1C web publication.'),
  basePath: z.string().min(1).default('Balance_Exchange'),
});

export const balanceConfigSchema = z
  .strictObject({
    connection: z.discriminatedUnion('mode', [cloudConnectionSchema, onPremConnectionSchema]),
    username: z.string().min(1),
    password: secret.describe(
      'Balance user password. Prefer BALANCE_SYNC_BALANCE_PASSWORD or a *_FILE secret over the file.',
    ),
    exchangeUid: guid
      .optional()
      .describe(
        'Integration profile (exchange node) uid that Prices, Stocks and ItemPricing need.',
      ),
    templates: z
      .record(z.string(), z.string().min(1))
      .default({})
      .describe('URL template overrides by name, e.g. { "SalesCredit": "SalesCreditNote" }.'),
    timeoutMs: z.int().positive().default(60_000),
    dangerouslyDisableTlsVerification: z.boolean().default(false),
  })
  .describe('How to reach the Balance Exchange web service.');

// ---------------------------------------------------------------- Catalog

const skuFieldSchema = z
  .union([z.enum(['Code', 'InternalArticle']), z.strictObject({ field: z.string().min(1) })])
  .describe('Which Balance item field holds the SKU.');

const servicesSchema = z
  .strictObject({
    itemTypeField: z
      .string()
      .min(1)
      .optional()
      .describe('Items field that holds the item type (tenant-specific; see Test connection).'),
    serviceValues: z
      .array(z.string())
      .default([])
      .describe('Values of `itemTypeField` that mean "service".'),
    serviceGroups: z
      .array(guid)
      .default([])
      .describe('Groups whose items (and descendants) are services.'),
    sellServices: z.boolean().default(false).describe('Import service items as products too.'),
    sellOnline: z
      .array(guid)
      .default([])
      .describe('Individual service items that are sold online although services are skipped.'),
  })
  .describe('How service items are recognised and whether they are sold online.');

const stockCommonFields = {
  subtractReserve: z.boolean().default(true).describe('Available = Quantity − Reserve.'),
  subtractUnexportedOrders: z
    .boolean()
    .default(true)
    .describe(
      'Subtract quantities of paid store orders that Balance has not received yet (needs order export to be configured for the store).',
    ),
  unexportedOrdersWindowHours: z
    .int()
    .min(1)
    .max(24 * 90)
    .default(72)
    .describe(
      'How far back paid orders are checked for not being in Balance yet (orders whose Sale failed or waits are always checked).',
    ),
};

const stockSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('single'), warehouse: guid, ...stockCommonFields }),
    z.strictObject({
      mode: z.literal('aggregate'),
      warehouses: z.array(guid).min(1),
      ...stockCommonFields,
    }),
    z.strictObject({
      mode: z.literal('per-store'),
      ...stockCommonFields,
    }),
  ])
  .describe(
    '`single`: one warehouse. `aggregate`: the sum of the listed warehouses. `per-store`: each store sums the warehouses in its own `stockWarehouses`.',
  );

const salePriceSourceSchema = z
  .discriminatedUnion('source', [
    z.strictObject({ source: z.literal('none') }),
    z.strictObject({
      source: z.literal('price-type'),
      priceType: guid.describe(
        'Price type of the dated ItemPricing documents that set sale prices.',
      ),
    }),
    z.strictObject({
      source: z.literal('discounts'),
      discounts: z
        .array(guid)
        .default([])
        .describe('Only these Discounts rules (all active unconditional rules when empty).'),
    }),
  ])
  .describe('Where the scheduled sale price comes from.');

const pricesSchema = z.strictObject({
  regularPriceType: guid.describe('Price type of the regular price.'),
  sale: salePriceSourceSchema.default({ source: 'none' }),
  minimumSalePrice: z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .default('0.10')
    .describe('Sale prices below this are treated as invalid and skipped.'),
});

const ownershipSchema = z
  .strictObject({
    name: ownershipModeSchema.default('balance-unless-edited'),
    regularPrice: ownershipModeSchema.default('balance'),
    salePrice: ownershipModeSchema.default('balance'),
    stock: ownershipModeSchema.default('balance'),
    categories: ownershipModeSchema.default('balance-unless-edited'),
    status: ownershipModeSchema.default('store'),
  })
  .describe('Who owns each product field after creation.');

const catalogFields = {
  skuField: skuFieldSchema,
  services: servicesSchema,
  stock: stockSchema,
  prices: pricesSchema,
  ownership: ownershipSchema,
  missingItems: z
    .enum(['keep', 'draft', 'out-of-stock'])
    .describe('What happens to linked products whose item disappeared from Balance.'),
  createCategories: z
    .boolean()
    .describe('Create WooCommerce categories for mapped groups that have none yet.'),
};

export const catalogConfigSchema = z.strictObject({
  skuField: catalogFields.skuField.default('Code'),
  services: catalogFields.services.default({
    serviceValues: [],
    serviceGroups: [],
    sellServices: false,
    sellOnline: [],
  }),
  stock: catalogFields.stock,
  prices: catalogFields.prices,
  ownership: catalogFields.ownership.default({
    name: 'balance-unless-edited',
    regularPrice: 'balance',
    salePrice: 'balance',
    stock: 'balance',
    categories: 'balance-unless-edited',
    status: 'store',
  }),
  missingItems: catalogFields.missingItems.default('keep'),
  createCategories: catalogFields.createCategories.default(false),
});

const catalogOverrideSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(catalogFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof catalogFields]: z.ZodOptional<(typeof catalogFields)[K]>;
    },
  )
  .describe('Store-specific catalog settings; each field replaces the shared one.');

// ---------------------------------------------------------------- Orders

const customerPolicySchema = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('retail'),
      retailClient: balanceRef.describe('The one Balance client every order is sold to.'),
    }),
    z.strictObject({
      mode: z.literal('per-customer'),
      retailClient: balanceRef.describe('Used for orders without a personal or company ID.'),
      personalIdMetaKey: z
        .string()
        .min(1)
        .default('_billing_personal_id')
        .describe('Order meta key holding the 11-digit personal number of an individual.'),
      companyIdMetaKey: z
        .string()
        .min(1)
        .optional()
        .describe('Order meta key holding a company identification code.'),
      clientGroup: guid.optional().describe('Balance customer group for clients the SDK creates.'),
    }),
  ])
  .describe('Which Balance client a Sale is made out to.');

const vatSchema = z.strictObject({
  taxable: z.string().min(1).default('იბეგრება დღგ-ით').describe('Sale `VATTaxable` literal.'),
  operationType: z
    .string()
    .min(1)
    .default('მიწოდება კომპენსაციით')
    .describe('Sale `OperationType` literal.'),
  vatArticle: z.string().min(1).optional().describe('Sale `VATArticle` (GUID or literal).'),
  vatRate: z
    .string()
    .min(1)
    .optional()
    .describe('Line `VATRate` (GUID preferred; literal such as ჩვეულებრივი where accepted).'),
  amounts: z
    .enum(['gross', 'follow-order'])
    .default('gross')
    .describe(
      '`gross`: line amounts include VAT and `AmountIncludesVAT` is true for every order, so the document total equals the order total exactly. `follow-order`: `AmountIncludesVAT` follows the order’s `prices_include_tax`; orders priced without tax go out with net amounts and Balance adds the VAT. See docs/order-export.md.',
    ),
});

const accountsSchema = z
  .strictObject({
    receivables: z.string().min(1).optional(),
    revenue: z.string().min(1).optional(),
    income: z.string().min(1).optional().describe('Line `IncomeAccount`.'),
    vatPayable: z.string().min(1).optional(),
    expenses: z.string().min(1).optional(),
  })
  .describe('Chart-of-accounts codes; omitted ones fall back to Balance defaults.');

const paymentMappingSchema = z.strictObject({
  paymentType: z.string().min(1),
  paymentAccount: z.string().min(1),
});

const paymentsSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    methods: z
      .record(z.string(), paymentMappingSchema)
      .default({})
      .describe('WooCommerce payment method id → inline Sale `Payment` row settings.'),
  })
  .describe('Inline payment rows on the Sale (the payment receipt for COD / B2B orders).');

const creditsSchema = z
  .strictObject({
    returnOperationType: z.string().min(1).default('დაბრუნება'),
    priceCorrectionOperationType: z.string().min(1).default('ფასის კორექტირება'),
    amountOnly: z
      .discriminatedUnion('mode', [
        z.strictObject({ mode: z.literal('spread') }),
        z.strictObject({ mode: z.literal('item'), item: balanceRef }),
      ])
      .default({ mode: 'spread' })
      .describe(
        'An amount-only refund: spread proportionally over the Sale lines, or put on one item.',
      ),
  })
  .describe('How refunds become credit notes.');

const orderFields = {
  paidStatuses: z
    .array(z.string().min(1))
    .min(1)
    .describe('Order statuses that mean "paid" and trigger the Sale export.'),
  customer: customerPolicySchema,
  warehouse: balanceRef.describe('Warehouse of the Sale documents.'),
  shippingItem: balanceRef.optional().describe('Service item for shipping lines.'),
  feeItem: balanceRef.optional().describe('Service item for fee lines.'),
  negativeFees: z
    .enum(['spread-discount', 'negative-line'])
    .describe(
      '`spread-discount`: a negative fee lowers the product lines proportionally. `negative-line`: it becomes a line with a negative amount on `feeItem`.',
    ),
  rounding: z
    .enum(['split-line', 'discount-field'])
    .describe(
      'When unit price × quantity cannot express a line total to the tetri: `split-line` splits the line in two; `discount-field` keeps one line and puts the difference in `Discount`.',
    ),
  vat: vatSchema,
  accounts: accountsSchema,
  payments: paymentsSchema,
  credits: creditsSchema,
  primaryDocument: z
    .string()
    .min(1)
    .describe('Template of the Sale `PrimaryDocument`; `{number}` is the order number.'),
  comments: z.string().describe('Template of the Sale `Comments`; `{number}` and `{id}` work.'),
  sweepSafetyWindowSeconds: z
    .int()
    .min(0)
    .describe(
      'The order sweep re-reads this much before its cursor (WooCommerce dates are second-resolution and exclusive).',
    ),
};

export const ordersConfigSchema = z.strictObject({
  paidStatuses: orderFields.paidStatuses.default(['processing', 'completed']),
  customer: orderFields.customer,
  warehouse: orderFields.warehouse,
  shippingItem: orderFields.shippingItem,
  feeItem: orderFields.feeItem,
  negativeFees: orderFields.negativeFees.default('spread-discount'),
  rounding: orderFields.rounding.default('split-line'),
  vat: orderFields.vat.default({
    taxable: 'იბეგრება დღგ-ით',
    operationType: 'მიწოდება კომპენსაციით',
    amounts: 'gross',
  }),
  accounts: orderFields.accounts.default({}),
  payments: orderFields.payments.default({ enabled: false, methods: {} }),
  credits: orderFields.credits.default({
    returnOperationType: 'დაბრუნება',
    priceCorrectionOperationType: 'ფასის კორექტირება',
    amountOnly: { mode: 'spread' },
  }),
  primaryDocument: orderFields.primaryDocument.default('{number}'),
  comments: orderFields.comments.default('WooCommerce order #{number}'),
  sweepSafetyWindowSeconds: orderFields.sweepSafetyWindowSeconds.default(300),
});

const ordersOverrideSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(orderFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof orderFields]: z.ZodOptional<(typeof orderFields)[K]>;
    },
  )
  .describe('Store-specific order settings; each field replaces the shared one.');

// ---------------------------------------------------------------- Stores

const storeIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits and dashes, e.g. "main"');

const timezoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as "Asia/Tbilisi"' },
);

export const wooCommerceConfigSchema = z.strictObject({
  url: z.url().describe('The store site URL (the REST API is under /wp-json/wc/v3).'),
  consumerKey: secret.describe('REST API consumer key (ck_…).'),
  consumerSecret: secret.describe(
    'REST API consumer secret (cs_…). Prefer BALANCE_SYNC_STORES_<ID>_CONSUMER_SECRET.',
  ),
  auth: z
    .enum(['basic', 'query', 'oauth1'])
    .default('basic')
    .describe(
      '`basic` over HTTPS; `query` for hosts that strip the Authorization header; `oauth1` for plain-HTTP stores.',
    ),
  webhookSecret: secret
    .optional()
    .describe('Secret of the store webhooks; required to accept webhooks.'),
  batchLimit: z.int().min(1).max(100).default(100),
  timeoutMs: z.int().positive().default(60_000),
  concurrency: z.int().min(1).max(16).default(4),
});

export const storeConfigSchema = z.strictObject({
  id: storeIdSchema,
  name: z.string().min(1).optional(),
  timezone: timezoneSchema.default('Asia/Tbilisi'),
  currency: z.string().length(3).default('GEL'),
  documentNamespace: guid
    .optional()
    .describe(
      'Namespace of this store’s Balance document uids (UUIDv5). Default: derived from the store id. Set it to keep the uids of already exported documents when the store id changes.',
    ),
  woocommerce: wooCommerceConfigSchema,
  categories: z
    .strictObject({
      mapping: z
        .record(guid, z.union([z.int().positive(), z.literal('create')]))
        .default({})
        .describe('Balance group uid → WooCommerce category id, or "create".'),
      excludedGroups: z
        .array(guid)
        .default([])
        .describe('Groups (and their descendants) that never become categories or products.'),
    })
    .default({ mapping: {}, excludedGroups: [] }),
  stockWarehouses: z
    .array(guid)
    .optional()
    .describe('This store’s warehouses when stock mode is `per-store`.'),
  catalog: catalogOverrideSchema.optional(),
  orders: ordersOverrideSchema.optional(),
});

// ---------------------------------------------------------------- Runtime

export const schedulesConfigSchema = z
  .strictObject({
    catalogImport: z.string().min(1).optional().describe('Cron expression, e.g. "0 3 * * *".'),
    stockImport: z.string().min(1).optional().describe('Cron expression, e.g. "*/15 * * * *".'),
    orderSweep: z.string().min(1).default('*/5 * * * *'),
    reconcile: z.string().min(1).optional(),
  })
  .describe('Cron schedules of the worker host (in each store’s timezone).');

export const queueConfigSchema = z.discriminatedUnion('driver', [
  z.strictObject({
    driver: z.literal('in-process'),
    concurrency: z.int().min(1).default(4),
    maxAttempts: z.int().min(1).default(10),
  }),
  z.strictObject({
    driver: z.literal('bullmq'),
    redisUrl: z.string().min(1).describe('redis://host:6379'),
    prefix: z.string().min(1).default('balance-sync'),
    concurrency: z.int().min(1).default(4),
    maxAttempts: z.int().min(1).default(10),
  }),
  z.strictObject({
    driver: z.literal('pg-boss'),
    databaseUrl: secret.describe('postgres://user@host/db'),
    schema: z.string().min(1).default('balance_sync_jobs'),
    concurrency: z.int().min(1).default(4),
    maxAttempts: z.int().min(1).default(10),
  }),
]);

export const storageConfigSchema = z.discriminatedUnion('driver', [
  z.strictObject({
    driver: z.literal('sqlite'),
    path: z.string().min(1).default('./balance-sync.db'),
  }),
  z.strictObject({
    driver: z.literal('postgres'),
    databaseUrl: secret.describe('postgres://user@host/db'),
    schema: z.string().min(1).default('balance_sync'),
  }),
  z.strictObject({ driver: z.literal('memory') }),
]);

export const serverConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.int().min(0).max(65_535).default(8787),
  adminToken: secret
    .optional()
    .describe('Bearer token of the admin API and console. Prefer BALANCE_SYNC_SERVER_ADMIN_TOKEN.'),
  console: z.boolean().default(true),
});

export const syncConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    balance: balanceConfigSchema,
    catalog: catalogConfigSchema,
    orders: ordersConfigSchema
      .optional()
      .describe('Shared order export settings; required before orders are exported.'),
    stores: z.array(storeConfigSchema).min(1),
    schedules: schedulesConfigSchema.default({ orderSweep: '*/5 * * * *' }),
    queue: queueConfigSchema.default({ driver: 'in-process', concurrency: 4, maxAttempts: 10 }),
    storage: storageConfigSchema.default({ driver: 'sqlite', path: './balance-sync.db' }),
    server: serverConfigSchema.default({ host: '127.0.0.1', port: 8787, console: true }),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.stores.forEach((store, index) => {
      if (seen.has(store.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['stores', index, 'id'],
          message: `duplicate store id "${store.id}"; every store needs its own id`,
        });
      }
      seen.add(store.id);
      const stock = store.catalog?.stock ?? config.catalog.stock;
      if (stock.mode === 'per-store' && !store.stockWarehouses?.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['stores', index, 'stockWarehouses'],
          message: 'stock mode is "per-store": list this store’s warehouse uids here',
        });
      }
    });
  });

/** A validated configuration (defaults applied). */
export type SyncConfig = z.infer<typeof syncConfigSchema>;
/** The configuration as written in a file (before defaults). */
export type SyncConfigInput = z.input<typeof syncConfigSchema>;
/** How to reach Balance. */
export type BalanceConfig = z.infer<typeof balanceConfigSchema>;
/** Shared catalog settings. */
export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
/** Shared order export settings. */
export type OrdersConfig = z.infer<typeof ordersConfigSchema>;
/** One store as configured. */
export type StoreConfig = z.infer<typeof storeConfigSchema>;
/** Connection to one WooCommerce store. */
export type WooCommerceConfig = z.infer<typeof wooCommerceConfigSchema>;
/** Field ownership mode. */
export type OwnershipMode = z.infer<typeof ownershipModeSchema>;
/** Queue choice. */
export type QueueConfig = z.infer<typeof queueConfigSchema>;
/** Storage choice. */
export type StorageConfig = z.infer<typeof storageConfigSchema>;
/** Worker schedules. */
export type SchedulesConfig = z.infer<typeof schedulesConfigSchema>;
/** Web host settings. */
export type ServerConfig = z.infer<typeof serverConfigSchema>;
