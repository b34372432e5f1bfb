// One fault run against the real hosts: import under cut-off batches, then a web host and
// worker processes exporting orders while the run injects Balance outages, 429 storms, HTML
// error pages and lost responses, duplicates / replays / reorders webhooks, disables them, and
// SIGKILLs workers at random moments. Afterwards it waits for the system to settle and checks
// the invariants of DESIGN §5 against what the simulators and the store hold.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LedgerEntry, parseMoney } from '@balance-sync/woo-sync-core';
import {
  type ScannedSecret,
  type SecretScanSummary,
  scanSources,
} from '../../security/secret-scan.js';
import type { FaultWorld } from './fault-world.js';
import {
  freePort,
  type HostProcess,
  sleep,
  spawnHost,
  stopHost,
  waitUntil,
} from './host-processes.js';
import { OrderTraffic, seededRandom } from './order-traffic.js';

/** How hard a run pushes. */
export interface FaultProfile {
  mode: 'reduced' | 'full';
  seed: number;
  /** Balance items in the seed catalog. */
  items: number;
  /** Checkouts per fault phase. */
  ordersPerPhase: number;
  /** How long each fault is active. */
  phaseMs: number;
  /** Worker SIGKILLs the run performs at least. */
  minKills: number;
  /** Pause between two kills, uniform in this range. */
  killEveryMs: readonly [number, number];
  /** Worker processes. */
  workers: number;
  /** Recorded deliveries sent again, shuffled. */
  replays: number;
  /** How long the system may take to settle after the last fault. */
  settleTimeoutMs: number;
}

/** One line of the final table. */
export interface InvariantRow {
  check: string;
  expected: string;
  measured: string;
  ok: boolean;
}

export interface FaultReport {
  backend: string;
  mode: FaultProfile['mode'];
  seed: number;
  startedAt: string;
  durationMs: number;
  settleMs: number;
  rows: InvariantRow[];
  counts: {
    orders: number;
    paidOrders: number;
    unpaidOrders: number;
    refunds: number;
    sales: number;
    creditNotes: number;
    checkoutRefusals: number;
    productsInStore: number;
    productMappings: number;
  };
  kills: { workers: number; webHost: number; killedAtMsAfterStart: number[] };
  faults: Record<string, number>;
  phases: Array<{ name: string; ms: number; orders: number }>;
  imports: Array<{ run: number; exitCode: number | null; counts: Record<string, number> }>;
  ledgerStates: Record<string, number>;
  queue: Record<string, number>;
  balanceWrites: { requests: number; documents: number; rewrites: number };
  scan: { sources: number; lines: number; bytes: number; findings: SecretScanSummary['findings'] };
  notes: string[];
}

/** A WooCommerce amount (`"12.30"`) in tetri, exactly (the engine's own parser). */
const toMinor = (amount: string): number => {
  const parsed = parseMoney(amount, 2);
  if (!parsed.ok) throw new Error(`not a money amount: ${amount}`);
  return parsed.minor;
};

/** The last complete JSON document a `--json` CLI run printed on stdout. */
function cliDocument(stdout: string): { ok: boolean; result?: Record<string, unknown> } {
  return JSON.parse(stdout.trim()) as { ok: boolean; result?: Record<string, unknown> };
}

export async function runFaults(
  world: FaultWorld,
  profile: FaultProfile,
  log: (line: string) => void,
): Promise<FaultReport> {
  const started = Date.now();
  const { woo, balance } = world.env;
  // separate generators, so the traffic of a seed does not depend on when the kills happen
  const random = seededRandom(profile.seed);
  const chaosRandom = seededRandom(profile.seed ^ 0x5bd1e995);
  const traffic = new OrderTraffic(woo, random);
  const notes: string[] = [];
  const faults: Record<string, number> = {};
  const count = (name: string, by = 1) => {
    faults[name] = (faults[name] ?? 0) + by;
  };
  const hosts: HostProcess[] = [];
  const chaos = { stop: false, kills: 0, killedAt: [] as number[] };
  const extraOutputs: Array<{ name: string; text: string }> = [];
  const generation = new Map<string, number>();
  const spawn = (base: string, args: readonly string[]) => {
    const n = (generation.get(base) ?? 0) + 1;
    generation.set(base, n);
    const host = spawnHost({
      name: `${base}#${n}`,
      args: [...args, '--config', world.configPath],
      cwd: world.dir,
      env: world.hostEnv,
      logDir: world.logDir,
    });
    hosts.push(host);
    return host;
  };

  try {
    // 1 ------------------------------------------------ import, with batches cut off mid-way
    const cutOff = woo.faults.add({
      type: 'cut-off-batch',
      afterItems: 37,
      times: 2,
      match: { path: '/products/batch' },
    });
    const imports: FaultReport['imports'] = [];
    for (let run = 1; run <= 4; run += 1) {
      const cli = spawn('import-items', ['import-items', '--json']);
      const { code } = await cli.exit;
      const document = cliDocument(cli.output.stdout);
      const counts = (document.result?.counts ?? {}) as Record<string, number>;
      imports.push({ run, exitCode: code, counts });
      log(`import #${run}: exit ${code}, ${JSON.stringify(counts)}`);
      if (code === 0) break;
    }
    count('WooCommerce batches cut off', cutOff.hits);
    woo.faults.clear();
    // an unchanged catalog: the next import must write nothing
    const again = spawn('import-items', ['import-items', '--json']);
    await again.exit;
    const rerun = (cliDocument(again.output.stdout).result?.counts ?? {}) as Record<string, number>;
    imports.push({ run: imports.length + 1, exitCode: again.child.exitCode, counts: rerun });
    for (const product of woo.state.products.values()) {
      if (product.type !== 'variation' && product.status === 'draft') {
        await woo.admin.editProduct(product.id, { status: 'publish' });
      }
    }
    traffic.refreshCatalog();

    // 2 ------------------------------------------------ the hosts
    const port = await freePort();
    const url = `http://${world.config.server.host}:${port}`;
    const startServe = async () => {
      const serve = spawn('serve', ['serve', '--no-worker', '--port', String(port)]);
      await waitUntil(() => serve.output.text.includes('web host listening'), 90_000, 'serve');
      return serve;
    };
    let serve = await startServe();
    const workers: HostProcess[] = [];
    for (let slot = 1; slot <= profile.workers; slot += 1)
      workers.push(spawn(`worker-${slot}`, ['worker']));
    await waitUntil(
      () => workers.every((w) => w.output.text.includes('worker started')),
      90_000,
      'the workers',
    );
    const deliveryUrl = `${url}/webhooks/woocommerce/${world.storeId}`;
    for (const topic of ['order.created', 'order.updated']) {
      await woo.webhooks.create({ topic, deliveryUrl, secret: world.webhookSecret, ping: true });
    }

    // 3 ------------------------------------------------ chaos: SIGKILL workers at random moments
    const chaosLoop = (async () => {
      while (!chaos.stop) {
        await sleep(chaosRandom.int(profile.killEveryMs[0], profile.killEveryMs[1]));
        if (chaos.stop) break;
        const slot = chaosRandom.int(0, workers.length - 1);
        const victim = workers[slot] as HostProcess;
        if (!victim.exited) {
          victim.child.kill('SIGKILL');
          await victim.exit;
          chaos.kills += 1;
          chaos.killedAt.push(Date.now() - started);
        }
        await sleep(chaosRandom.int(50, 800));
        if (chaos.stop) break;
        workers[slot] = spawn(`worker-${slot + 1}`, ['worker']);
      }
    })();

    // 4 ------------------------------------------------ traffic under faults
    const phases: FaultReport['phases'] = [];
    const step = async () => {
      const order = await traffic.placeOrder();
      if (random.next() < 0.5) await traffic.payOne();
      if (random.next() < 0.45) await traffic.refundOne();
      return order;
    };
    const phase = async (name: string, body: () => Promise<number>): Promise<void> => {
      const t0 = Date.now();
      const orders = await body();
      phases.push({ name, ms: Date.now() - t0, orders });
      log(
        `phase "${name}": ${orders} orders in ${Date.now() - t0} ms (kills so far ${chaos.kills})`,
      );
    };
    const trafficFor = async (ms: number, orders: number) => {
      const gap = ms / Math.max(1, orders);
      let placed = 0;
      for (let i = 0; i < orders; i += 1) {
        if (await step()) placed += 1;
        await sleep(gap);
      }
      return placed;
    };
    const withBalanceFault = (name: string, set: () => void, clear: () => void) =>
      phase(name, async () => {
        set();
        try {
          return await trafficFor(profile.phaseMs, profile.ordersPerPhase);
        } finally {
          clear();
        }
      });

    await phase('webhooks duplicated', async () => {
      woo.webhooks.duplicateNext(profile.ordersPerPhase * 3);
      return trafficFor(profile.phaseMs, profile.ordersPerPhase);
    });
    await withBalanceFault(
      'Balance down (connections reset), then back',
      () => balance.faults.set({ down: { answer: 'connection-reset' } }),
      () => balance.faults.clear('down'),
    );
    await withBalanceFault(
      'Balance 429 storm (Retry-After: 1)',
      () => balance.faults.set({ rateLimit: { probability: 0.7, retryAfterSeconds: 1 } }),
      () => balance.faults.clear('rateLimit'),
    );
    await withBalanceFault(
      'Balance HTML error pages (502) and 503 downtime page',
      () =>
        balance.faults.set({
          htmlErrorPage: { status: 502, probability: 0.5 },
          serverError: { status: 503, probability: 0.2 },
        }),
      () => balance.faults.clear('htmlErrorPage', 'serverError'),
    );
    await withBalanceFault(
      'Balance applies the write, then the response is lost',
      () =>
        balance.faults.set({
          dropResponseAfterWrite: { probability: 0.6, templates: ['Sale', 'SalesCredit'] },
        }),
      () => balance.faults.clear('dropResponseAfterWrite'),
    );

    // web host killed: deliveries fail until WooCommerce disables the webhooks; the orders of
    // that time (and after it, with the webhooks still disabled) reach Balance through the sweep
    const caughtBySweep = new Set<number>();
    let webHostKills = 0;
    await phase('web host down, webhooks disabled (sweep only)', async () => {
      serve.child.kill('SIGKILL');
      await serve.exit;
      webHostKills += 1;
      let placed = 0;
      const disabled = () =>
        [...woo.state.webhooks.values()].every((webhook) => webhook.status === 'disabled');
      for (let i = 0; i < 40 && !disabled(); i += 1) {
        const order = await step();
        if (order) {
          placed += 1;
          caughtBySweep.add(order.id);
        }
        await woo.flushWebhooks();
      }
      if (!disabled()) notes.push('the webhooks were not disabled after 40 failing checkouts');
      serve = await startServe();
      for (let i = 0; i < profile.ordersPerPhase; i += 1) {
        const order = await step();
        if (order) {
          placed += 1;
          caughtBySweep.add(order.id);
        }
        await sleep(profile.phaseMs / profile.ordersPerPhase);
      }
      return placed;
    });
    count(
      'webhooks disabled by WooCommerce',
      [...woo.state.webhooks.values()].filter((w) => w.status === 'disabled').length,
    );

    // recorded deliveries sent again, shuffled: replays of old payloads, out of order
    const replayStatuses: Record<string, number> = {};
    await phase('webhooks replayed and reordered', async () => {
      const recorded = woo.webhooks.deliveries.filter(
        (d) => d.kind === 'delivery' && d.responseStatus === 202,
      );
      const picked = random.shuffle(recorded).slice(0, profile.replays);
      for (let i = 0; i < picked.length; i += 10) {
        await Promise.all(
          picked.slice(i, i + 10).map(async (delivery) => {
            const res = await fetch(deliveryUrl, {
              method: 'POST',
              headers: delivery.requestHeaders,
              body: delivery.requestBody,
            });
            await res.arrayBuffer();
            replayStatuses[res.status] = (replayStatuses[res.status] ?? 0) + 1;
          }),
        );
      }
      count('webhooks replayed (shuffled)', picked.length);
      return 0;
    });

    // 5 ------------------------------------------------ stop the chaos, let the system settle
    while (chaos.kills < profile.minKills) await sleep(200);
    chaos.stop = true;
    await chaosLoop;
    for (let slot = 0; slot < workers.length; slot += 1) {
      if (workers[slot]?.exited) workers[slot] = spawn(`worker-${slot + 1}`, ['worker']);
    }
    await waitUntil(
      () => workers.every((w) => w.exited || w.output.text.includes('worker started')),
      90_000,
      'the restarted workers',
    );
    await woo.flushWebhooks();
    const settleStarted = Date.now();
    const inspector = await world.inspector();
    const allLedger = async (): Promise<LedgerEntry[]> => {
      const rows: LedgerEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await inspector.store.ledger.list({
          storeId: world.storeId,
          limit: 500,
          ...(cursor ? { cursor } : {}),
        });
        rows.push(...page.entries);
        cursor = page.next;
      } while (cursor);
      return rows;
    };
    const refundsOf = (orderIds: readonly number[]) =>
      orderIds.flatMap((id) => woo.read.order(id).refunds.map((r) => r.id));
    /**
     * Settled: nothing left to export and no export job waiting. Documents refused for good
     * (`failed` / `dead` rows, which no job will retry) end the wait too: the checks report them.
     */
    const settled = async () => {
      const paid = traffic.paidOrderIds();
      const rows = await allLedger();
      const state = new Map(rows.map((r) => [r.key, r.state]));
      const open = [
        ...paid.map((id) => `sale:${id}`),
        ...refundsOf(paid).map((id) => `credit:${id}`),
      ].filter((key) => {
        const s = state.get(key);
        return s !== 'exported' && s !== 'failed' && s !== 'dead';
      });
      if (open.length > 0) return false;
      const pending = await inspector.queue.list({
        name: 'export-order',
        states: ['waiting', 'delayed', 'active'],
        limit: 1000,
      });
      return pending.length === 0;
    };
    try {
      await waitUntil(settled, profile.settleTimeoutMs, 'every document to be exported', 1_000);
    } catch (error) {
      notes.push(`not settled: ${(error as Error).message}`);
    }
    const settleMs = Date.now() - settleStarted;

    // 6 ------------------------------------------------ the checks
    const ledger = await allLedger();
    const sales = [...balance.state.sales.values()].filter((d) => !d.deletionMark);
    const credits = [...balance.state.salesCredits.values()].filter((d) => !d.deletionMark);
    const orderIds = [...traffic.orders];
    const paid = traffic.paidOrderIds();
    const unpaid = orderIds.filter((id) => !paid.includes(id));
    const salesOf = (id: number) => {
      const number = String(woo.read.order(id).number);
      return sales.filter((s) => String(s.body.PrimaryDocument) === number);
    };
    const refunds = refundsOf(paid).map((id) => woo.read.refund(id));
    const creditsOf = (refundId: number) =>
      credits.filter((c) =>
        String(c.body.Comments ?? '').startsWith(`WooCommerce refund #${refundId} of`),
      );
    const paidWithOne = paid.filter((id) => salesOf(id).length === 1).length;
    const unpaidWithSale = unpaid.filter((id) => salesOf(id).length > 0).length;
    const refundsWithOne = refunds.filter((r) => creditsOf(r.id).length === 1).length;
    const totalMismatches: string[] = [];
    for (const id of paid) {
      const [sale] = salesOf(id);
      const expected = toMinor(woo.read.order(id).total);
      if (sale && sale.totalTetri !== expected)
        totalMismatches.push(`sale of #${id}: ${sale.totalTetri} ≠ ${expected}`);
    }
    for (const refund of refunds) {
      const [credit] = creditsOf(refund.id);
      const expected = toMinor(refund.amount);
      if (credit && credit.totalTetri !== expected)
        totalMismatches.push(`credit of refund #${refund.id}: ${credit.totalTetri} ≠ ${expected}`);
    }
    const ledgerStates: Record<string, number> = {};
    for (const row of ledger) ledgerStates[row.state] = (ledgerStates[row.state] ?? 0) + 1;
    const stuck = ledger.filter((row) => row.state !== 'exported');
    const products = [...woo.state.products.values()].filter(
      (p) => p.type !== 'variation' && p.status !== 'trash',
    );
    const bySku = new Map<string, number>();
    for (const p of products) if (p.sku) bySku.set(p.sku, (bySku.get(p.sku) ?? 0) + 1);
    const duplicatedSkus = [...bySku].filter(([, n]) => n > 1).map(([sku]) => sku);
    const mappings = await inspector.store.products.list(world.storeId);
    const mappedTwice =
      mappings.length -
      new Set(mappings.map((m) => m.balanceUid)).size +
      (mappings.length - new Set(mappings.map((m) => m.wooId)).size);
    const queueCounts = (await inspector.queue.counts({ storeId: world.storeId })) as Record<
      string,
      number
    >;
    const jobs = await inspector.queue.list({ limit: 5_000 });
    const exportedBySweepOnly = [...caughtBySweep].filter((id) => paid.includes(id));
    const sweepCaught = exportedBySweepOnly.filter((id) =>
      ledger.some((row) => row.key === `sale:${id}` && row.state === 'exported'),
    ).length;

    for (const entry of balance.requests) if (entry.fault) count(`Balance ${entry.fault}`);
    if (world.backend === 'sqlite') {
      // the in-process queue records the reclaim of a job whose worker died; BullMQ does not
      count(
        'jobs in flight when their worker was killed (reclaimed after the lease)',
        jobs.filter((job) => job.lastError?.code === 'lease_expired').length,
      );
    }
    count(
      'webhooks duplicated by WooCommerce',
      woo.webhooks.deliveries.filter((d) => d.duplicate).length,
    );
    count(
      'webhook deliveries failed (web host down)',
      woo.webhooks.deliveries.filter((d) => d.kind === 'delivery' && d.outcome === 'failed').length,
    );
    const writes = balance.requests.filter(
      (r) => r.method === 'PUT' && (r.template === 'Sale' || r.template === 'SalesCredit'),
    );
    const documents = [...sales, ...credits];

    const rows: InvariantRow[] = [
      {
        check: 'paid orders with exactly one Sale',
        expected: String(paid.length),
        measured: String(paidWithOne),
        ok: paidWithOne === paid.length && paid.length > 0,
      },
      {
        check: 'unpaid orders with a Sale',
        expected: '0',
        measured: String(unpaidWithSale),
        ok: unpaidWithSale === 0,
      },
      {
        check: 'refunds with exactly one credit note',
        expected: String(refunds.length),
        measured: String(refundsWithOne),
        ok: refundsWithOne === refunds.length,
      },
      {
        check: 'Balance documents without a WooCommerce order / refund',
        expected: '0',
        measured: String(sales.length - paidWithOne + (credits.length - refundsWithOne)),
        ok: sales.length === paidWithOne && credits.length === refundsWithOne,
      },
      {
        check: 'document totals different from WooCommerce (tetri)',
        expected: '0',
        measured: String(totalMismatches.length),
        ok: totalMismatches.length === 0,
      },
      {
        check: 'ledger rows stuck (not exported)',
        expected: '0',
        measured: String(stuck.length),
        ok: stuck.length === 0,
      },
      {
        check: 'jobs failed or dead',
        expected: '0',
        measured: String((queueCounts.failed ?? 0) + (queueCounts.dead ?? 0)),
        ok: (queueCounts.failed ?? 0) + (queueCounts.dead ?? 0) === 0,
      },
      {
        check: 'products duplicated (same SKU twice, or mapped twice)',
        expected: '0',
        measured: String(duplicatedSkus.length + mappedTwice),
        ok: duplicatedSkus.length + mappedTwice === 0,
      },
      {
        check: 'unchanged re-import writes',
        expected: '0',
        measured: String((rerun.created ?? 0) + (rerun.updated ?? 0) + (rerun.adopted ?? 0)),
        ok: (rerun.created ?? 0) + (rerun.updated ?? 0) + (rerun.adopted ?? 0) === 0,
      },
      {
        check: 'orders of the disabled-webhook window exported (sweep)',
        expected: String(exportedBySweepOnly.length),
        measured: String(sweepCaught),
        ok: sweepCaught === exportedBySweepOnly.length,
      },
      {
        check: 'replayed deliveries acknowledged 202',
        expected: String(faults['webhooks replayed (shuffled)'] ?? 0),
        measured: String(replayStatuses['202'] ?? 0),
        ok: (replayStatuses['202'] ?? 0) === (faults['webhooks replayed (shuffled)'] ?? 0),
      },
      {
        check: 'worker SIGKILLs performed',
        expected: `≥ ${profile.minKills}`,
        measured: String(chaos.kills),
        ok: chaos.kills >= profile.minKills,
      },
    ];
    for (const mismatch of totalMismatches.slice(0, 20)) notes.push(`total: ${mismatch}`);
    for (const row of stuck.slice(0, 20))
      notes.push(
        `stuck: ${row.key} ${row.state} (${row.attempts} attempts) ${row.lastError?.message ?? ''}`,
      );
    if (duplicatedSkus.length)
      notes.push(`duplicated SKUs: ${duplicatedSkus.slice(0, 20).join(', ')}`);
    for (const job of jobs.filter((j) => j.state === 'failed' || j.state === 'dead').slice(0, 20))
      notes.push(`job ${job.name} ${job.state}: ${job.lastError?.message ?? ''}`);

    // 7 ------------------------------------------------ stop the hosts; scan what they wrote
    await Promise.all([serve, ...workers].map((host) => stopHost(host)));
    const logSources = readdirSync(world.logDir).map((file) => ({
      name: `logs/${file}`,
      text: readFileSync(join(world.logDir, file), 'utf8'),
    }));
    extraOutputs.push(
      {
        name: 'ledger rows (errors, payloads)',
        text: ledger.map((r) => JSON.stringify(r)).join('\n'),
      },
      { name: 'queue jobs (errors)', text: jobs.map((j) => JSON.stringify(j)).join('\n') },
      {
        name: 'web host answers to webhooks',
        text: woo.webhooks.deliveries
          .map((d) => `${d.responseStatus} ${d.responseBody} ${d.error ?? ''}`)
          .join('\n'),
      },
    );
    const scan = scanSources([...logSources, ...extraOutputs], world.secrets as ScannedSecret[]);
    rows.push({
      check: 'secrets in logs, errors and stored rows',
      expected: '0',
      measured: `${scan.findings.length} (${scan.lines.toLocaleString('en-US')} lines scanned)`,
      ok: scan.findings.length === 0,
    });

    return {
      backend: world.backend,
      mode: profile.mode,
      seed: profile.seed,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      settleMs,
      rows,
      counts: {
        orders: orderIds.length,
        paidOrders: paid.length,
        unpaidOrders: unpaid.length,
        refunds: refunds.length,
        sales: sales.length,
        creditNotes: credits.length,
        checkoutRefusals: traffic.checkoutRefusals.length,
        productsInStore: products.length,
        productMappings: mappings.length,
      },
      kills: { workers: chaos.kills, webHost: webHostKills, killedAtMsAfterStart: chaos.killedAt },
      faults,
      phases,
      imports,
      ledgerStates,
      queue: queueCounts,
      balanceWrites: {
        requests: writes.length,
        documents: documents.length,
        rewrites: documents.reduce((sum, d) => sum + d.writes - 1, 0),
      },
      scan: {
        sources: scan.sources,
        lines: scan.lines,
        bytes: scan.bytes,
        findings: scan.findings,
      },
      notes,
    };
  } finally {
    // whatever happened, no host outlives the run
    chaos.stop = true;
    for (const host of hosts) if (!host.exited) host.child.kill('SIGKILL');
  }
}

/** The report as a Markdown table (what the suite prints and docs/reliability.md shows). */
export function formatFaultTable(report: FaultReport): string {
  const lines = [
    `Fault run: ${report.backend}, ${report.mode}, seed ${report.seed}, ${(report.durationMs / 1000).toFixed(0)} s (settled ${(report.settleMs / 1000).toFixed(0)} s after the last fault)`,
    '',
    '| check | expected | measured | ok |',
    '|---|---|---|---|',
    ...report.rows.map(
      (r) => `| ${r.check} | ${r.expected} | ${r.measured} | ${r.ok ? '✔' : '✘'} |`,
    ),
    '',
    '| faults injected | count |',
    '|---|---|',
    `| worker processes killed (SIGKILL) | ${report.kills.workers} |`,
    `| web host killed (SIGKILL) | ${report.kills.webHost} |`,
    ...Object.entries(report.faults).map(([name, n]) => `| ${name} | ${n} |`),
    '',
    `Orders ${report.counts.orders} (paid ${report.counts.paidOrders}, unpaid ${report.counts.unpaidOrders}), refunds ${report.counts.refunds}; Balance: ${report.counts.sales} Sales, ${report.counts.creditNotes} credit notes from ${report.balanceWrites.requests} PUTs (${report.balanceWrites.rewrites} rewrites of an existing uid); products ${report.counts.productsInStore}, mappings ${report.counts.productMappings}.`,
  ];
  if (report.notes.length) lines.push('', 'Notes:', ...report.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}
