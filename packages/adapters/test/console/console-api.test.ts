// The console's HTTP surface against the simulators, without a browser: the static files and
// their headers, the token, the category choices (saved, merged over the configuration,
// effective in dry runs and after a restart), apply with progress, drift and retries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConsoleWorld,
  publishImportedProducts,
  STORE,
  startConsoleWorld,
  until,
} from './console-world.js';

// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
type Answer = { status: number; json: any; headers: Headers };

describe('console HTTP surface', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await startConsoleWorld({ maxAttempts: 1 });
  });
  afterAll(async () => {
    await world?.close();
  });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    token: string | null = world.adminToken,
  ): Promise<Answer> => {
    const res = await fetch(`${world.url}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: await res.json(), headers: res.headers };
  };
  const api = (path: string) => `/console/api/stores/${STORE}${path}`;
  const groups = () => world.balance.seed.groups;

  it('serves the console page with its own script and style only', async () => {
    const redirect = await fetch(`${world.url}/console?x=1`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/console/?x=1');

    const page = await fetch(`${world.url}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain('src="console.js"');
    expect(html).toContain('href="console.css"');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);

    const script = await fetch(`${world.url}/console/console.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const js = await script.text();
    expect(js.length).toBeGreaterThan(10_000);
    expect(js).not.toMatch(
      /https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\/[^"'\s]*\.(js|css|woff2?)/i,
    );
    const etag = script.headers.get('etag') as string;
    const again = await fetch(`${world.url}/console/console.js`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);

    const css = await fetch(`${world.url}/console/console.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).not.toMatch(/@import|url\((?!data:)/);

    expect((await fetch(`${world.url}/console/other.js`)).status).toBe(404);
  });

  it('refuses every console API route without the admin token, and unknown stores', async () => {
    const routes: [string, string][] = [
      ['GET', api('/categories')],
      ['PUT', api('/categories')],
      ['POST', api('/catalog/apply')],
      ['GET', api('/catalog/apply/0123456789ab')],
      ['GET', api('/drift')],
      ['POST', api('/documents/sale:1/retry')],
      ['POST', api('/exports/retry-all')],
      ['GET', '/console/api/nowhere'],
    ];
    const wrongToken = `${world.adminToken.slice(0, -1)}x`;
    for (const [method, path] of routes) {
      const missing = await call(method, path, method === 'GET' ? undefined : {}, null);
      expect(missing.status, `${method} ${path}`).toBe(401);
      const wrong = await call(method, path, method === 'GET' ? undefined : {}, wrongToken);
      expect(wrong.status, `${method} ${path}`).toBe(401);
      expect(wrong.json.error.code).toBe('unauthorized');
      expect(JSON.stringify(wrong.json)).not.toContain(wrongToken);
    }
    const unknown = await call('GET', '/console/api/stores/elsewhere/categories');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('unknown_store');
  });

  it('lists Balance groups as a tree beside the store categories and the configured mapping', async () => {
    const answer = await call('GET', api('/categories'));
    expect(answer.status).toBe(200);
    const byUid = new Map(answer.json.groups.map((g: { uid: string }) => [g.uid, g]));
    expect(byUid.get(groups().coffee)).toMatchObject({ name: 'ყავა', parent: groups().beverages });
    expect(byUid.get(groups().beverages)).toMatchObject({ parent: null });
    expect((byUid.get(groups().coffee) as { items: number }).items).toBeGreaterThan(0);
    expect(answer.json.configured.mapping[groups().coffee]).toBe('create');
    expect(answer.json.configured.excludedGroups).toEqual([groups().expenses]);
    expect(answer.json.saved).toBeNull();
    expect(answer.json.effective).toEqual(answer.json.configured);
    expect(Array.isArray(answer.json.wooCategories)).toBe(true);
  });

  it('refuses choices that are not valid, naming the group', async () => {
    const bad = await call('PUT', api('/categories'), {
      groups: { [groups().sweets]: 'sometimes', 'not-a-uid': 'create' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_categories');
    expect(bad.json.error.message).toContain(groups().sweets);
    expect(bad.json.error.details).toHaveLength(2);
  });

  it('saves choices that the next dry run uses; a plan made before is refused as stale', async () => {
    const before = await call('POST', `/admin/stores/${STORE}/catalog/plan`, { scope: 'items' });
    expect(before.status).toBe(200);
    const excludedBefore = before.json.plan.entries.filter(
      (e: { reason?: string }) => e.reason === 'excluded-group',
    ).length;

    const saved = await call('PUT', api('/categories'), {
      groups: {
        [groups().sweets]: 'exclude',
        [groups().groceries]: 'create',
        [groups().tea]: 'none',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.json.effective.excludedGroups).toEqual([groups().expenses, groups().sweets]);
    expect(saved.json.effective.mapping[groups().groceries]).toBe('create');
    expect(saved.json.effective.mapping[groups().tea]).toBeUndefined();
    expect(saved.json.saved.groups[groups().sweets]).toBe('exclude');

    const after = await call('POST', `/admin/stores/${STORE}/catalog/plan`, { scope: 'items' });
    const excludedAfter = after.json.plan.entries.filter(
      (e: { reason?: string }) => e.reason === 'excluded-group',
    ).length;
    expect(excludedAfter).toBeGreaterThan(excludedBefore);
    const categoryGroups = after.json.plan.categories.map((c: { groupUid: string }) => c.groupUid);
    expect(categoryGroups).toContain(groups().groceries);
    expect(categoryGroups).not.toContain(groups().sweets);

    const stale = await call('POST', api('/catalog/apply'), { planHash: before.json.planHash });
    expect(stale.status).toBe(202);
    await until(
      async () =>
        (await call('GET', api(`/catalog/apply/${before.json.planHash}`))).json.state !== 'running',
      'the stale apply to end',
    );
    const refused = await call('GET', api(`/catalog/apply/${before.json.planHash}`));
    expect(refused.json).toMatchObject({ state: 'failed', error: { code: 'catalog_plan_stale' } });
    expect(world.woo.state.products.size).toBe(0);
  });

  it('keeps the saved choices across a restart', async () => {
    await world.restart();
    const answer = await call('GET', api('/categories'));
    expect(answer.json.saved.groups[groups().sweets]).toBe('exclude');
    expect(answer.json.effective.excludedGroups).toContain(groups().sweets);
    const plan = await call('POST', `/admin/stores/${STORE}/catalog/plan`, { scope: 'items' });
    expect(plan.json.plan.categories.map((c: { groupUid: string }) => c.groupUid)).toContain(
      groups().groceries,
    );
  });

  it('applies a saved plan in the background and reports its progress', async () => {
    expect(
      (await call('POST', api('/catalog/apply'), { planHash: '0123456789abcdef' })).status,
    ).toBe(404);
    const plan = await call('POST', `/admin/stores/${STORE}/catalog/plan`, { scope: 'items' });
    const started = await call('POST', api('/catalog/apply'), { planHash: plan.json.planHash });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ planHash: plan.json.planHash, state: 'running' });
    await until(
      async () =>
        (await call('GET', api(`/catalog/apply/${plan.json.planHash}`))).json.state !== 'running',
      'the apply to end',
    );
    const done = await call('GET', api(`/catalog/apply/${plan.json.planHash}`));
    expect(done.json.state).toBe('succeeded');
    expect(done.json.counts.created).toBe(plan.json.summary.create);
    expect(done.json.done).toBe(done.json.total);
    expect(done.json.outcomes.created).toBe(plan.json.summary.create);
    expect(world.woo.state.products.size).toBe(plan.json.summary.create);
    expect((await call('GET', api('/catalog/apply/ffffffffffff'))).status).toBe(404);
  });

  it('retries a dead export after an outage, moving its job out of the failed list', async () => {
    await publishImportedProducts(world);
    world.balance.faults.set({ down: { answer: 'connection-reset' } });
    const order = await world.woo.shopper.placeOrder({
      lines: [{ sku: 'HH-001', quantity: 2 }],
      paymentMethod: 'card',
      paid: true,
    });
    const queued = await call('POST', `/admin/stores/${STORE}/orders/${order.id}/export`);
    expect(queued.status).toBe(202);
    await until(
      async () => (await world.runtime.queue.get(queued.json.jobId))?.state === 'dead',
      'the export job to die',
    );
    const [dead] = await world.runtime.store.ledger.listByOrder(STORE, order.id);
    expect(dead).toMatchObject({ key: `sale:${order.id}`, state: 'dead' });

    world.balance.faults.clear();
    const exported = await call('POST', api(`/documents/sale:${order.id}/retry`));
    expect(exported.status).toBe(200);
    expect(exported.json).toMatchObject({ key: `sale:${order.id}`, jobs: [queued.json.jobId] });
    await until(
      async () =>
        (await world.runtime.store.ledger.get(STORE, `sale:${order.id}`))?.state === 'exported',
      'the retried export',
    );
    expect((await world.runtime.queue.get(queued.json.jobId))?.state).toBe('completed');
    expect(world.balance.state.sales.size).toBe(1);

    const notRetryable = await call('POST', api(`/documents/sale:${order.id}/retry`));
    expect(notRetryable.status).toBe(409);
    expect(notRetryable.json.error.code).toBe('document_not_retryable');
    expect((await call('POST', api('/documents/sale:999999/retry'))).status).toBe(404);
  });

  it('retries every failed and dead export at once', async () => {
    world.balance.faults.set({ down: { answer: 'connection-reset' } });
    const orders = [];
    for (const sku of ['HH-001', 'HH-002']) {
      const order = await world.woo.shopper.placeOrder({
        lines: [{ sku, quantity: 1 }],
        paymentMethod: 'card',
        paid: true,
      });
      await call('POST', `/admin/stores/${STORE}/orders/${order.id}/export`);
      orders.push(order);
    }
    await until(
      async () => (await world.runtime.store.ledger.counts(STORE)).dead === 2,
      'two dead documents',
    );
    world.balance.faults.clear();
    const retried = await call('POST', api('/exports/retry-all'));
    expect(retried.status).toBe(200);
    expect(retried.json.jobs).toHaveLength(2);
    expect(retried.json.documents.sort()).toEqual(orders.map((o) => `sale:${o.id}`).sort());
    expect(retried.json.failures).toEqual([]);
    await until(
      async () => (await world.runtime.store.ledger.counts(STORE)).exported === 3,
      'all three Sales exported',
    );
    expect(await world.runtime.queue.list({ storeId: STORE, states: ['failed', 'dead'] })).toEqual(
      [],
    );
  });

  it('lists the documents whose order changed after export', async () => {
    expect((await call('GET', api('/drift'))).json).toMatchObject({ count: 0, entries: [] });
    const [row] = (
      await world.runtime.store.ledger.list({ storeId: STORE, states: ['exported'], limit: 1 })
    ).entries;
    if (!row) throw new Error('no exported row');
    await world.runtime.store.ledger.update(STORE, row.key, row.version, {
      drift: {
        detectedAt: new Date().toISOString(),
        payloadHash: 'x'.repeat(64),
        summary: 'the shipping total changed',
      },
      updatedAt: new Date().toISOString(),
    });
    const drift = await call('GET', api('/drift'));
    expect(drift.json.count).toBe(1);
    expect(drift.json.entries[0]).toMatchObject({
      key: row.key,
      drift: { summary: 'the shipping total changed' },
    });
  });
});
