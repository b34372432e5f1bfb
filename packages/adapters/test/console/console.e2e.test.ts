// The operator console end to end, in Debian's headless Chromium (driven by playwright-core;
// no browser is ever downloaded) against the Express host, the worker and both simulators:
// log in (a wrong token is refused), map categories, run a dry run, apply exactly that plan,
// see an export fail while Balance is down, retry it after recovery, see it exported, and
// read the console in Georgian. Screenshots of each page go to test-results/console/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleWorld,
  publishImportedProducts,
  STORE,
  startConsoleWorld,
  until,
} from './console-world.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/console/', import.meta.url));
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.REQUIRE_SERVICES === '1') {
    throw new Error(
      `Chromium is not at ${CHROMIUM} but REQUIRE_SERVICES=1: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  console.warn(
    `\n⚠️  SKIPPING the console end-to-end test: no Chromium at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.\n`,
  );
}

describe.skipIf(!available)('operator console in Chromium', { timeout: 60_000 }, () => {
  let world: ConsoleWorld;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let orderId = 0;
  const pageErrors: string[] = [];

  const shoot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    world = await startConsoleWorld({ maxAttempts: 2 });
    const secret = world.config.stores[0]?.woocommerce.webhookSecret as string;
    for (const topic of ['order.created', 'order.updated']) {
      await world.woo.webhooks.create({
        topic,
        deliveryUrl: `${world.url}/webhooks/woocommerce/${STORE}`,
        secret,
        ping: true,
      });
    }
    // A fresh profile for this run (launchPersistentContext takes it as the user-data-dir).
    profile = mkdtempSync(join(tmpdir(), 'balance-sync-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1366, height: 768 },
      locale: 'en-US',
      serviceWorkers: 'block',
    });
    // Only this host: a request anywhere else would be an external asset.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      return url.origin === new URL(world.url).origin || url.protocol === 'data:'
        ? route.continue()
        : route.abort();
    });
    context.setDefaultTimeout(20_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('requestfailed', (request) => pageErrors.push(`request failed: ${request.url()}`));
  }, 60_000);

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail' && page) await shoot('failed').catch(() => {});
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await world?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('refuses a wrong token, then signs in and tests the connection', async () => {
    await page.goto(`${world.url}/console`);
    await expect.poll(() => page.url()).toBe(`${world.url}/console/`);
    await page.getByLabel('Admin token').fill('not-the-admin-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('This is not the admin token').waitFor();
    await shoot('login');

    await page.getByLabel('Admin token').fill(world.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Both connections work.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('link', { name: 'Connection' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await page.locator('table tbody tr').count()).toBeGreaterThanOrEqual(5);
    await shoot('connection');
  });

  it('maps a group to a new category and excludes another, saved to the store settings', async () => {
    const { groceries, sweets } = world.balance.seed.groups;
    await page.getByRole('link', { name: 'Categories' }).click();
    await page.getByRole('heading', { name: 'Balance groups' }).waitFor();
    await page.locator(`tr[data-group="${groceries}"] select`).selectOption('create');
    await page.locator(`tr[data-group="${sweets}"] select`).selectOption('exclude');
    await page.getByText('Not saved yet: 2 group(s) differ').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. The next dry run uses these categories').waitFor();
    const saved = (await world.runtime.store.settings.get(STORE, 'categories')) as {
      groups: Record<string, unknown>;
    };
    expect(saved.groups).toEqual({ [groceries]: 'create', [sweets]: 'exclude' });
    await shoot('categories');
  });

  it('runs a dry run, reviews it conflicts first, and applies exactly that plan', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('button', { name: 'Run a dry run' }).click();
    const heading = page.getByRole('heading', { name: /^Plan [0-9a-f]{12}$/ });
    await heading.waitFor({ timeout: 15_000 });
    const hash = (await page.locator('code.plan-hash').textContent())?.trim() ?? '';
    const [latest] = (await world.runtime.store.settings.get(STORE, 'catalog.savedPlans')) as {
      hash: string;
    }[];
    expect(hash).toBe(latest?.hash);
    expect(await page.locator('table.entries tbody tr').first().getAttribute('data-kind')).toBe(
      'conflict',
    );

    await page.getByRole('combobox', { name: /^Reason/ }).selectOption('excluded-group');
    const excluded = page.locator('table.entries tbody tr');
    expect(await excluded.count()).toBeGreaterThan(0);
    for (const kind of await excluded.evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-kind')),
    )) {
      expect(kind).toBe('skip');
    }
    await page.getByRole('combobox', { name: /^Reason/ }).selectOption('');
    await shoot('import-plan');

    const toCreate = Number(await page.locator('.count-create .count').textContent());
    expect(toCreate).toBeGreaterThan(0);
    await page
      .getByRole('button', { name: `Apply exactly this plan (${hash.slice(0, 12)})` })
      .click();
    await page.getByText('The plan was applied.').waitFor({ timeout: 20_000 });
    expect(world.woo.state.products.size).toBe(toCreate);
    const runs = await world.runtime.store.runs.list(STORE, { kind: 'catalog-apply', limit: 1 });
    expect((runs[0]?.details as { planHash?: string } | undefined)?.planHash ?? hash).toBe(hash);
    await shoot('import-applied');
  });

  it('shows an export that died while Balance was down, retries it after recovery, and sees it exported', async () => {
    await publishImportedProducts(world);
    world.balance.faults.set({ down: { answer: 'connection-reset' } });
    const order = await world.woo.shopper.placeOrder({
      lines: [
        { sku: 'CF-001', quantity: 1 },
        { sku: 'HH-001', quantity: 2 },
      ],
      paymentMethod: 'card',
      paid: true,
    });
    orderId = order.id;
    // Every webhook is acknowledged only once its job is durably enqueued, so after the flush
    // all export jobs of this order exist. `order.created` and `order.updated` both arrive;
    // whether a later one is deduplicated into a waiting job depends on whether the worker has
    // already picked that job up, so there are between one job and one job per delivery.
    await world.woo.flushWebhooks();
    const deliveries = world.woo.webhooks.deliveries.filter(
      (d) => d.kind === 'delivery' && d.resourceId === order.id,
    );
    expect(deliveries.length).toBeGreaterThanOrEqual(1);
    const key = `sale:${order.id}`;
    const maxAttempts = world.config.queue.maxAttempts;
    expect(maxAttempts).toBe(2);
    const orderJobs = async () =>
      (await world.runtime.queue.list({ storeId: STORE, name: 'export-order' })).filter(
        (job) => (job.payload as { orderId?: number }).orderId === order.id,
      );
    // Wait for the final state: every job of the order has used up its attempts, so nothing
    // moves the ledger row any more (waiting only for the row to be `dead` could catch it
    // between one job giving up and the next one sending again).
    await until(async () => {
      const jobs = await orderJobs();
      const row = await world.runtime.store.ledger.get(STORE, key);
      return jobs.length > 0 && jobs.every((job) => job.state === 'dead') && row?.state === 'dead';
    }, `every export job of order ${order.id} and ${key} to be dead`);
    const jobs = await orderJobs();
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(jobs.length).toBeLessThanOrEqual(deliveries.length);
    // The queue's policy, exactly: each job ran its configured attempts, then died.
    for (const job of jobs) {
      expect({ state: job.state, attempts: job.attempts }).toEqual({
        state: 'dead',
        attempts: maxAttempts,
      });
      expect(job.lastError?.code).toMatch(/^BALANCE_/);
    }
    // The document's own count is the PUTs that reached the point of sending. A later attempt
    // first reads the document back by uid (Balance may have applied a PUT whose answer was
    // lost), and with Balance down that read fails before anything is sent, so how many
    // attempts got as far as a PUT depends on how the jobs interleaved — but at least one did,
    // every one failed, and the row is dead with Balance's error.
    const dead = await world.runtime.store.ledger.get(STORE, key);
    expect(dead?.state).toBe('dead');
    expect(dead?.attempts).toBeGreaterThanOrEqual(1);
    expect(dead?.attempts).toBeLessThanOrEqual(jobs.length * maxAttempts);
    expect(dead?.lastError?.code).toBeTruthy();
    expect(dead?.exportedAt).toBeNull();
    expect([...world.balance.state.sales.values()]).toHaveLength(0);

    await page.getByRole('link', { name: 'Exports' }).click();
    const row = page.locator(`tr[data-key="${key}"]`);
    await row.waitFor();
    expect(await page.getByRole('button', { name: /^Dead/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // The page loaded after the final state, so it shows exactly what the ledger holds.
    expect(await row.getAttribute('data-state')).toBe('dead');
    expect(await row.locator('td').nth(4).textContent()).toBe(String(dead?.attempts));
    // …and the dead jobs, each with the attempts the policy allows.
    for (const job of jobs) {
      const jobRow = page.locator(`tr[data-job="${job.id}"]`);
      await jobRow.waitFor();
      expect(await jobRow.locator('td').nth(3).textContent()).toBe(`${maxAttempts}/${maxAttempts}`);
    }
    await shoot('exports-dead');

    world.balance.faults.clear();
    await page.getByRole('button', { name: `Retry ${key}` }).click();
    await page.getByText(`The export of ${key} was queued again.`).waitFor();
    await until(
      async () => (await world.runtime.store.ledger.get(STORE, key))?.state === 'exported',
      `${key} to be exported`,
    );

    await page.getByRole('button', { name: /^Exported/ }).click();
    await page.locator(`tr[data-key="${key}"][data-state="exported"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator('#jobs-heading').count()).toBe(0);
    expect([...world.balance.state.sales.values()]).toHaveLength(1);

    await page.getByLabel('Order number').fill(`#${order.id}`);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText(`Documents of order #${order.id}.`).waitFor();
    expect(await page.locator('table.ledger tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Reconcile' }).click();
    await page.getByText('1 paid order(s) and 0 refund(s) checked').waitFor({ timeout: 15_000 });
    expect(await page.locator(`table.reconciliation tr[data-status="ok"]`).count()).toBe(1);
    await shoot('exports-exported');
  });

  it('reads in Georgian after switching the language', async () => {
    await page.getByLabel('Language').first().selectOption('ka');
    await page.getByRole('link', { name: 'ექსპორტი' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ექსპორტი');
    expect(await page.locator('html').getAttribute('lang')).toBe('ka');
    await page.getByRole('button', { name: /^ექსპორტირებული/ }).waitFor();
    await page.getByRole('link', { name: 'კატეგორიები' }).click();
    await page.getByRole('heading', { name: 'Balance-ის ჯგუფები' }).waitFor();
    await shoot('categories-ka');
    expect(orderId).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
