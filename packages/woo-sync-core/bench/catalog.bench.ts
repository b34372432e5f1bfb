// `pnpm bench catalog`, every figure beside a baseline measured in the same run:
// - the catalog planner over 100k synthetic items (time, memory), beside 10k scaled ×10;
// - a 20k-item first import from the Balance simulator into the WooCommerce simulator with
//   30 ms injected latency (requests, wall time), beside one product per request and beside
//   the latency-bound minimum for the same concurrency (request rounds × latency);
// - an unchanged re-sync of that catalog (requests, writes, wall time beside its bound).
//
// Both simulators answer in-process (no sockets), so their CPU shares the engine's event
// loop. Running them in child processes behind their HTTP servers was measured too: on the
// shared 2-core machine it was slower (HTTP on both sides, no idle core to gain), so the
// import is measured the way the baseline always was.
import { cpus } from 'node:os';
import { createWooCommerceRest } from '@balance-sync/adapters/woocommerce';
import {
  createWooCommerceSimulator,
  type RequestLogEntry,
} from '@balance-sync/adapters/woocommerce/testing';
import { createBalanceClient } from '@balance-sync/balance-client';
import { createBalanceSimulator, ITEM_TYPES } from '@balance-sync/balance-client/testing';
import PQueue from 'p-queue';
import { loadAverageText, megabytes } from '../../../scripts/bench/bench-support.js';
import type { BenchRow, BenchSuite } from '../../../scripts/bench/bench-types.js';
import {
  type BalanceCatalogItem,
  type CatalogPlan,
  CatalogPlanner,
  type CatalogSnapshot,
  createSyncEngine,
  parseSyncConfig,
  resolveStoreConfig,
  systemClock,
  type WooProduct,
} from '../src/index.js';
import { InMemorySyncStore } from '../src/testing/index.js';

const NOW = new Date('2026-01-10T08:00:00Z');
const guid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const MAIN = guid(1, 1);
const VAKE = guid(1, 2);
const RETAIL = guid(2, 1);
const SALE = guid(2, 2);

const config = resolveStoreConfig(
  parseSyncConfig({
    balance: {
      connection: { mode: 'cloud', applicationId: '1550' },
      username: 'bench',
      password: 'bench',
    },
    catalog: {
      stock: { mode: 'aggregate', warehouses: [MAIN, VAKE] },
      prices: { regularPriceType: RETAIL, sale: { source: 'price-type', priceType: SALE } },
      createCategories: true,
    },
    stores: [
      {
        id: 'main',
        woocommerce: { url: 'https://shop.example.ge', consumerKey: 'ck', consumerSecret: 'cs' },
      },
    ],
  }),
  'main',
);

/**
 * A synthetic catalog of `n` items under 110 groups (2 levels, all with categories): 60 %
 * already imported and linked (one in six of those with a new price in Balance), 40 % new;
 * two stock lines per item; 10 % on a dated sale.
 */
function syntheticSnapshot(n: number): CatalogSnapshot {
  const groups: BalanceCatalogItem[] = [];
  const categoryOf = (group: number) =>
    100 + 1 + Math.floor((group - 100) / 10) * 11 + ((group - 100) % 10);
  for (let a = 0; a < 10; a += 1) {
    groups.push({ uid: guid(3, a), name: `Group ${a}`, parent: null, isGroup: true, sku: '' });
    for (let b = 0; b < 10; b += 1) {
      const child = a * 10 + b + 100;
      groups.push({
        uid: guid(3, child),
        name: `Group ${a}.${b}`,
        parent: guid(3, a),
        isGroup: true,
        sku: '',
      });
    }
  }
  const items: BalanceCatalogItem[] = [...groups];
  const prices: CatalogSnapshot['balance']['prices'] = [];
  const stocks: CatalogSnapshot['balance']['stocks'] = [];
  const saleLines: { item: string; price: string }[] = [];
  const products: WooProduct[] = [];
  const mappings: CatalogSnapshot['mappings']['products'] = [];
  for (let i = 0; i < n; i += 1) {
    const uid = guid(4, i);
    const sku = `SKU-${i}`;
    const price = `${(i % 500) + 1}.${String(i % 100).padStart(2, '0')}`;
    items.push({ uid, name: `ნივთი ${i}`, parent: guid(3, 100 + (i % 100)), isGroup: false, sku });
    prices.push({ priceType: RETAIL, item: uid, price });
    stocks.push({ item: uid, warehouse: MAIN, quantity: String(i % 60), reserve: String(i % 3) });
    stocks.push({ item: uid, warehouse: VAKE, quantity: String(i % 7), reserve: '0' });
    if (i % 10 === 0) saleLines.push({ item: uid, price: `${(i % 500) * 0.5 + 0.5}` });
    if (i % 10 < 6) {
      const id = 1000 + i;
      const stock = Math.max(0, (i % 60) - (i % 3)) + (i % 7);
      const stale = i % 6 === 0;
      const storePrice = stale ? '0.99' : price.length ? formatted(price) : price;
      products.push({
        id,
        parentId: 0,
        type: 'simple',
        status: 'publish',
        sku,
        name: `ნივთი ${i}`,
        regularPrice: storePrice,
        salePrice: '',
        saleFrom: null,
        saleTo: null,
        manageStock: true,
        stockQuantity: stock,
        stockStatus: stock > 0 ? 'instock' : 'outofstock',
        categoryIds: [categoryOf(100 + (i % 100))],
        meta: [{ key: '_balance_uid', value: uid }],
        dateModified: '2026-01-01T00:00:00Z',
      });
      mappings.push({
        balanceUid: uid,
        wooId: id,
        wooParentId: 0,
        sku,
        lastPushed: {
          name: `ნივთი ${i}`,
          regularPrice: storePrice,
          salePrice: '',
          saleFrom: null,
          saleTo: null,
          stockQuantity: stock,
          categoryIds: [categoryOf(100 + (i % 100))],
        },
        updatedAt: '2026-01-01T00:00:00Z',
      });
    }
  }
  return {
    storeId: 'main',
    scope: 'items',
    balance: {
      items,
      stocks,
      prices,
      pricingDocuments: [
        { uid: guid(5, 1), priceType: SALE, date: '2026-01-05T00:00:00', items: saleLines },
        {
          uid: guid(5, 2),
          priceType: SALE,
          date: '2026-02-01T00:00:00',
          items: saleLines.map((l) => ({ item: l.item, price: '0' })),
        },
      ],
      discounts: [],
    },
    store: {
      products,
      categories: groups.map((g, index) => ({
        id: 100 + index,
        name: g.name,
        slug: `group-${index}`,
        parentId: 0,
      })),
      pendingOrders: [],
    },
    mappings: {
      products: mappings,
      categories: groups.map((g, index) => ({
        groupUid: g.uid,
        wooCategoryId: 100 + index,
        origin: 'created' as const,
        updatedAt: '2026-01-01T00:00:00Z',
      })),
    },
  };
}

function formatted(price: string): string {
  const [int, frac = ''] = price.split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

function timePlan(snapshot: CatalogSnapshot): { ms: number; writes: number } {
  const planner = new CatalogPlanner(config);
  const started = performance.now();
  const plan = planner.plan(snapshot, NOW);
  return { ms: performance.now() - started, writes: plan.summary.productWrites };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function simulatedStore(latencyMs: number, concurrency: number) {
  const sim = createWooCommerceSimulator({
    url: 'https://shop.test',
    faults: [{ type: 'latency', ms: latencyMs }],
  });
  const key = sim.keys.default;
  const woo = createWooCommerceRest({
    url: sim.url,
    consumerKey: key.consumerKey,
    consumerSecret: key.consumerSecret,
    concurrency,
    fetch: sim.inProcessFetch,
  });
  const count = (): RequestCounts => {
    const entries = sim.requests.entries.map(countEntry);
    const writes = entries.filter((e) => WRITE_METHODS.has(e.method)).length;
    return { requests: entries.length, writes, reads: entries.length - writes, entries };
  };
  return { sim, woo, count };
}

/** A summary of the store's request log. */
interface RequestCounts {
  requests: number;
  reads: number;
  writes: number;
  /** Per request, in arrival order: method, route, `page` of list reads, arrival (epoch ms). */
  entries: { method: string; route: string; page: number; at: number }[];
}

const countEntry = (entry: RequestLogEntry): RequestCounts['entries'][number] => ({
  method: entry.method,
  route: entry.route ?? entry.path,
  page: Number(entry.query.page ?? 1),
  at: entry.startedAt,
});

/**
 * Sequential request rounds a piece of work needs at `concurrency` requests at a time: the
 * latency-bound minimum is this × the injected latency. Reads of one phase (planning, or
 * apply's re-check) share the rounds, and a listing's page 1 comes before its other pages;
 * categories are created level by level (⌈batches of the level / concurrency⌉ each), then
 * the product batches.
 */
function requestRounds(
  counts: RequestCounts,
  phases: { planEndAt: number },
  plan: CatalogPlan,
  concurrency: number,
) {
  const readRounds = (reads: RequestCounts['entries']) => {
    if (reads.length === 0) return 0;
    // A listing of P pages needs page 1, then ⌈(P − 1) / concurrency⌉ more rounds.
    const pagesOf = new Map<string, number>();
    for (const read of reads)
      pagesOf.set(read.route, Math.max(read.page, pagesOf.get(read.route) ?? 1));
    let longest = 1;
    for (const pages of pagesOf.values()) {
      longest = Math.max(longest, 1 + Math.ceil((pages - 1) / concurrency));
    }
    return Math.max(Math.ceil(reads.length / concurrency), longest);
  };
  const firstWriteAt =
    counts.entries.find((e) => WRITE_METHODS.has(e.method))?.at ?? Number.POSITIVE_INFINITY;
  const planReads = counts.entries.filter((e) => e.at < phases.planEndAt);
  const checkReads = counts.entries.filter(
    (e) => e.at >= phases.planEndAt && e.at < firstWriteAt && !WRITE_METHODS.has(e.method),
  );
  const levels = new Map<number, number>();
  for (const category of plan.categories) {
    if (category.kind === 'create') {
      levels.set(category.depth, (levels.get(category.depth) ?? 0) + 1);
    }
  }
  let categoryWrites = 0;
  for (const count of levels.values()) {
    categoryWrites += Math.ceil(Math.ceil(count / 100) / concurrency);
  }
  const productBatches = counts.entries.filter(
    (e) => WRITE_METHODS.has(e.method) && e.route.endsWith('/products/batch'),
  ).length;
  const rounds = {
    planReads: readRounds(planReads),
    checkReads: readRounds(checkReads),
    categoryWrites,
    productWrites: Math.ceil(productBatches / concurrency),
  };
  return {
    ...rounds,
    total: rounds.planReads + rounds.checkReads + rounds.categoryWrites + rounds.productWrites,
  };
}

type Rounds = ReturnType<typeof requestRounds>;

interface ImportFigures {
  items: number;
  creates: number;
  requests: number;
  reads: number;
  writes: number;
  planMs: number;
  applyMs: number;
  verifyMs: number;
  rounds: Rounds;
  resync: { requests: number; writes: number; ms: number; rounds: Rounds };
}

/** First import of `items` Balance items into an empty simulated store, then a re-sync. */
async function measureImport(
  items: number,
  latencyMs: number,
  concurrency: number,
): Promise<ImportFigures> {
  const balanceSim = createBalanceSimulator({ seed: { items } });
  const balance = createBalanceClient({
    connection: balanceSim.mswConnections().onPrem,
    ...balanceSim.credentials,
    exchangeUid: balanceSim.exchangeUid,
    fetch: balanceSim.fetch.bind(balanceSim),
    retry: false,
  });
  const { seed } = balanceSim;
  const { sim, woo, count } = simulatedStore(latencyMs, concurrency);
  const engine = createSyncEngine({
    config: {
      balance: {
        connection: { mode: 'onprem', baseUrl: 'http://balance.test' },
        username: balanceSim.credentials.username,
        password: balanceSim.credentials.password,
        exchangeUid: balanceSim.exchangeUid,
      },
      catalog: {
        stock: { mode: 'single', warehouse: seed.warehouses.main },
        prices: {
          regularPriceType: seed.priceTypes.retail,
          sale: { source: 'price-type', priceType: seed.priceTypes.sale },
        },
        services: {
          itemTypeField: 'ItemType',
          serviceValues: [ITEM_TYPES.service],
          serviceGroups: [seed.groups.services],
        },
      },
      stores: [
        {
          id: 'main',
          woocommerce: { url: sim.url, consumerKey: 'ck', consumerSecret: 'cs', concurrency },
          categories: { excludedGroups: [seed.groups.expenses] },
        },
      ],
    },
    balance,
    woo,
    store: new InMemorySyncStore(),
    clock: systemClock,
  });
  sim.requests.clear();
  const epoch = (t: number) => performance.timeOrigin + t;
  const t0 = performance.now();
  const plan = await engine.catalog.plan({ storeId: 'main' });
  const t1 = performance.now();
  const result = await engine.catalog.apply(plan, { concurrency });
  const t2 = performance.now();
  if (result.failures.length > 0) {
    throw new Error(`import failed for ${result.failures.length} items`);
  }
  const first = count();
  const firstWrite = first.entries.find((e) => WRITE_METHODS.has(e.method));
  sim.requests.clear();
  const t3 = performance.now();
  const again = await engine.catalog.plan({ storeId: 'main' });
  const t4 = performance.now();
  await engine.catalog.apply(again, { concurrency });
  const t5 = performance.now();
  const resync = count();
  return {
    items,
    creates: plan.summary.create,
    requests: first.requests,
    reads: first.reads,
    writes: first.writes,
    planMs: t1 - t0,
    applyMs: t2 - t1,
    // From apply() to the first write: re-reading the plan's inputs (Balance, categories).
    verifyMs: firstWrite ? firstWrite.at - epoch(t1) : 0,
    rounds: requestRounds(first, { planEndAt: epoch(t1) }, plan, concurrency),
    resync: {
      requests: resync.requests,
      writes: resync.writes,
      ms: t5 - t3,
      rounds: requestRounds(resync, { planEndAt: epoch(t4) }, again, concurrency),
    },
  };
}

/** `products` creates sent one product per request, `concurrency` at a time. */
async function measureOnePerRequest(
  products: number,
  latencyMs: number,
  concurrency: number,
): Promise<{ ms: number; requests: number }> {
  const { woo, count } = simulatedStore(latencyMs, concurrency);
  const queue = new PQueue({ concurrency });
  const started = performance.now();
  for (let i = 0; i < products; i += 1) {
    void queue.add(() =>
      woo.products.batch({
        create: [
          {
            ref: String(i),
            sku: `ONE-${i}`,
            name: `Product ${i}`,
            status: 'draft',
            regularPrice: '10.00',
            manageStock: true,
            stockQuantity: 5,
          },
        ],
      }),
    );
  }
  await queue.onIdle();
  return { ms: performance.now() - started, requests: count().requests };
}

const describeRounds = (rounds: Rounds) =>
  `${rounds.planReads} plan-read + ${rounds.checkReads} re-check-read + ${rounds.categoryWrites} category-write + ${rounds.productWrites} product-write rounds`;

/**
 * The planner over `100 000 × scale` synthetic items beside 10 % of them scaled ×10. Its
 * snapshots and plans are garbage once it returns, so they do not weigh on what follows.
 */
function measurePlanner(scale: number, log: (message: string) => void): BenchRow[] {
  const rows: BenchRow[] = [];
  const size = Math.max(1000, Math.round(100_000 * scale));
  const small = Math.max(100, Math.round(size / 10));

  // ---- planner: baseline (10 % of the size, scaled ×10), then the full size
  const smallSnapshot = syntheticSnapshot(small);
  timePlan(smallSnapshot); // warm-up
  const smallTimes = [
    timePlan(smallSnapshot).ms,
    timePlan(smallSnapshot).ms,
    timePlan(smallSnapshot).ms,
  ];
  const smallRun = { ms: [...smallTimes].sort((a, b) => a - b)[1] ?? 0 };
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const heapBefore = process.memoryUsage().heapUsed;
  const snapshot = syntheticSnapshot(size);
  const heapSnapshot = process.memoryUsage().heapUsed - heapBefore;
  const planner = new CatalogPlanner(config);
  const started = performance.now();
  let plan = planner.plan(snapshot, NOW);
  const first = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed - heapBefore;
  const rssGrowth = process.resourceUsage().maxRSS * 1024 - rssBefore;
  // Two more runs; the median is reported (the machine may be busy).
  const times = [first];
  for (let run = 0; run < 2; run += 1) {
    const again = performance.now();
    plan = planner.plan(snapshot, NOW);
    times.push(performance.now() - again);
  }
  const ms = [...times].sort((a, b) => a - b)[1] ?? first;
  log(`load average ${loadAverageText()} on ${cpus().length} CPUs`);
  log(
    `planner ${size.toLocaleString()} items: ${Math.round(ms)} ms, ${plan.summary.create} create, ${plan.summary.update} update, ${plan.summary.unchanged} unchanged`,
  );
  const label = `planner ${size.toLocaleString('en-US')} items`;
  rows.push({
    case: label,
    metric: 'wall time (median of 3)',
    value: Math.round(ms),
    unit: 'ms',
    baseline: {
      label: `${small.toLocaleString('en-US')} items ×${size / small}`,
      value: Math.round(smallRun.ms * (size / small)),
    },
    target: '≤ 3000 ms at 100k',
    met: ms <= 3000 * (size / 100_000),
  });
  rows.push({
    case: label,
    metric: 'peak RSS growth (snapshot + plan)',
    value: megabytes(rssGrowth),
    unit: 'MB',
    baseline: { label: 'heap of the input snapshot', value: megabytes(heapSnapshot) },
    target: '≤ 500 MB at 100k',
    met: megabytes(rssGrowth) <= 500 * (size / 100_000),
  });
  rows.push({
    case: label,
    metric: 'heap held (snapshot + plan)',
    value: megabytes(heapAfter),
    unit: 'MB',
    baseline: { label: 'heap of the input snapshot', value: megabytes(heapSnapshot) },
  });
  return rows;
}

const suite: BenchSuite = {
  name: 'catalog',
  async run({ scale, log }) {
    const rows: BenchRow[] = measurePlanner(scale, log);

    // ---- import into the WooCommerce simulator with injected latency
    const LATENCY = 30;
    const CONCURRENCY = 4;
    const items = Math.max(200, Math.round(20_000 * scale));
    log(
      `first import of ${items.toLocaleString('en-US')} items, ${LATENCY} ms latency, concurrency ${CONCURRENCY}…`,
    );
    const figures = await measureImport(items, LATENCY, CONCURRENCY);
    log(`load average ${loadAverageText()} after the import and re-sync`);
    const sample = Math.max(100, Math.round(figures.creates / 10));
    log(`one product per request: ${sample.toLocaleString('en-US')} creates measured…`);
    const single = await measureOnePerRequest(sample, LATENCY, CONCURRENCY);
    const factor = figures.creates / sample;
    const importMs = figures.planMs + figures.applyMs;
    const latencyBound = figures.rounds.total * LATENCY;
    log(
      `import: ${figures.creates} creates, ${figures.reads} reads + ${figures.writes} writes; plan ${Math.round(figures.planMs)} ms, apply ${Math.round(figures.applyMs)} ms (of which re-checking the inputs ${Math.round(figures.verifyMs)} ms)`,
    );
    log(
      `latency bound of the import: (${describeRounds(figures.rounds)}) × ${LATENCY} ms = ${latencyBound} ms; Balance has no injected latency, so its reads count as 0 rounds`,
    );
    const importCase = `first import ${items.toLocaleString('en-US')} items, ${LATENCY} ms latency, ×${CONCURRENCY}`;
    const maxWrites = Math.ceil(figures.creates / 100);
    rows.push({
      case: importCase,
      metric: 'write requests',
      value: figures.writes,
      unit: 'req',
      baseline: { label: `one product per request`, value: figures.creates },
      target: `≤ ⌈N/100⌉ = ${maxWrites}`,
      met: figures.writes <= maxWrites,
    });
    rows.push({
      case: importCase,
      metric: 'read requests',
      value: figures.reads,
      unit: 'req',
    });
    rows.push({
      case: importCase,
      metric: 'wall time (plan + apply)',
      value: Math.round(importMs),
      unit: 'ms',
      baseline: {
        label: `one product per request (${sample.toLocaleString('en-US')} measured ×${Math.round(factor * 10) / 10})`,
        value: Math.round(single.ms * factor),
      },
    });
    rows.push({
      case: importCase,
      metric: 'wall time (plan + apply)',
      value: Math.round(importMs),
      unit: 'ms',
      baseline: {
        label: `latency bound ${figures.rounds.total} rounds of ${figures.requests} req at ×${CONCURRENCY} × ${LATENCY} ms`,
        value: latencyBound,
      },
      target: '≤ 1.5 × latency bound',
      met: importMs <= 1.5 * latencyBound,
    });
    const writeBound = Math.ceil(figures.writes / CONCURRENCY) * LATENCY;
    const writeMs = figures.applyMs - figures.verifyMs;
    rows.push({
      case: importCase,
      metric: 'wall time of the writes (apply after re-checking inputs)',
      value: Math.round(writeMs),
      unit: 'ms',
      baseline: {
        label: `latency bound ⌈${figures.writes} writes / ${CONCURRENCY}⌉ × ${LATENCY} ms`,
        value: writeBound,
      },
      target: '≤ 1.5 × latency bound',
      met: writeMs <= 1.5 * writeBound,
    });
    rows.push({
      case: `unchanged re-sync ${items.toLocaleString('en-US')} items`,
      metric: 'write requests',
      value: figures.resync.writes,
      unit: 'req',
      baseline: { label: 'first import', value: figures.writes },
      target: '0',
      met: figures.resync.writes === 0,
    });
    rows.push({
      case: `unchanged re-sync ${items.toLocaleString('en-US')} items`,
      metric: 'requests (all reads)',
      value: figures.resync.requests,
      unit: 'req',
      baseline: { label: 'first import', value: figures.requests },
    });
    rows.push({
      case: `unchanged re-sync ${items.toLocaleString('en-US')} items`,
      metric: 'wall time (plan + apply)',
      value: Math.round(figures.resync.ms),
      unit: 'ms',
      baseline: { label: 'first import', value: Math.round(importMs) },
    });
    const resyncBound = figures.resync.rounds.total * LATENCY;
    log(
      `latency bound of the re-sync: (${describeRounds(figures.resync.rounds)}) × ${LATENCY} ms = ${resyncBound} ms`,
    );
    rows.push({
      case: `unchanged re-sync ${items.toLocaleString('en-US')} items`,
      metric: 'wall time (plan + apply)',
      value: Math.round(figures.resync.ms),
      unit: 'ms',
      baseline: {
        label: `latency bound ${figures.resync.rounds.total} rounds of ${figures.resync.requests} req at ×${CONCURRENCY} × ${LATENCY} ms`,
        value: resyncBound,
      },
    });
    return rows;
  },
};

export default suite;
