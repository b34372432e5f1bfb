import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  API,
  collect,
  createTestAdapter,
  jsonBody,
  pageHeaders,
  useMsw,
} from './support/msw-harness.js';

const { server, requests, log } = useMsw();

function wireOrder(id: number, modified: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    number: String(id),
    status: 'processing',
    currency: 'GEL',
    prices_include_tax: true,
    date_created_gmt: '2026-11-27T07:00:00',
    date_modified_gmt: modified,
    date_paid_gmt: '2026-11-27T07:00:05',
    date_completed_gmt: null,
    total: '118.00',
    total_tax: '18.00',
    shipping_total: '0.00',
    shipping_tax: '0.00',
    discount_total: '0.00',
    discount_tax: '0.00',
    cart_tax: '18.00',
    customer_id: 0,
    customer_note: '',
    billing: { first_name: 'Nino', last_name: 'B', email: 'n@example.ge', country: 'GE' },
    shipping: { first_name: 'Nino', last_name: 'B', country: 'GE' },
    payment_method: 'cod',
    payment_method_title: 'Cash on delivery',
    transaction_id: '',
    meta_data: [],
    line_items: [
      {
        id: 311,
        name: 'Shirt',
        product_id: 87,
        variation_id: 0,
        quantity: 2,
        subtotal: '100.00',
        subtotal_tax: '18.00',
        total: '100.00',
        total_tax: '18.00',
        taxes: [{ id: 1, total: '18', subtotal: '18' }],
        meta_data: [],
        sku: 'SHIRT',
        price: 50,
      },
    ],
    shipping_lines: [],
    fee_lines: [],
    coupon_lines: [],
    tax_lines: [
      {
        id: 9,
        rate_code: 'GE-VAT-1',
        rate_id: 1,
        label: 'VAT',
        compound: false,
        tax_total: '18.00',
        shipping_tax_total: '0.00',
        rate_percent: 18,
      },
    ],
    refunds: [],
    ...overrides,
  };
}

describe('orders', () => {
  it('reads an order and maps it to the port', async () => {
    server.use(
      http.get(`${API}/orders/5`, () => HttpResponse.json(wireOrder(5, '2026-11-27T08:00:00'))),
    );
    const { woo } = createTestAdapter();
    const order = await woo.orders.get(5);
    expect(order).toMatchObject({
      id: 5,
      number: '5',
      dateModified: '2026-11-27T08:00:00Z',
      datePaid: '2026-11-27T07:00:05Z',
      dateCompleted: null,
      billing: { firstName: 'Nino', email: 'n@example.ge', address1: '' },
      shipping: { email: '' },
      lineItems: [
        {
          id: 311,
          productId: 87,
          sku: 'SHIRT',
          quantity: 2,
          total: '100.00',
          taxes: [{ rateId: 1, total: '18', subtotal: '18' }],
        },
      ],
      taxLines: [{ rateId: 1, rateCode: 'GE-VAT-1', ratePercent: '18', taxTotal: '18.00' }],
    });
    expect(requests[0]!.url.searchParams.get('_fields')).toContain('date_modified_gmt');
  });

  it('returns undefined for a missing order', async () => {
    server.use(
      http.get(`${API}/orders/9`, () =>
        HttpResponse.json(
          {
            code: 'woocommerce_rest_shop_order_invalid_id',
            message: 'Invalid ID.',
            data: { status: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    expect(await woo.orders.get(9)).toBeUndefined();
  });

  it('asks from a safety window before the cursor and yields only what is strictly after it', async () => {
    server.use(
      http.get(`${API}/orders`, () =>
        HttpResponse.json(
          [
            wireOrder(3, '2026-11-27T07:59:58'),
            wireOrder(4, '2026-11-27T08:00:00'),
            wireOrder(7, '2026-11-27T08:00:00'),
            wireOrder(2, '2026-11-27T08:00:01'),
          ],
          { headers: pageHeaders(4) },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const changed = await collect(
      woo.orders.listChanged({
        after: { timestamp: '2026-11-27T08:00:00Z', id: 4 },
        statuses: ['processing', 'completed'],
        until: '2026-11-27T09:00:00Z',
      }),
    );
    expect(changed.map((order) => order.id)).toEqual([7, 2]);
    expect(log()).toEqual([
      'GET /orders?status=processing,completed&orderby=modified&order=asc&dates_are_gmt=true&modified_after=2026-11-27T07:59:55&modified_before=2026-11-27T09:00:01&per_page=100&page=1',
    ]);
  });

  it('re-asks from the new position after each page instead of walking page numbers', async () => {
    const first = Array.from({ length: 100 }, (_, index) =>
      wireOrder(index + 1, '2026-11-27T08:00:00'),
    );
    server.use(
      http.get(`${API}/orders`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('modified_after');
        if (after === null) return HttpResponse.json(first, { headers: pageHeaders(150) });
        // Re-based: the overlap comes back, then what is new.
        return HttpResponse.json(
          [
            ...first.slice(90),
            wireOrder(101, '2026-11-27T08:10:00'),
            wireOrder(5, '2026-11-27T08:20:00'),
          ],
          { headers: pageHeaders(12) },
        );
      }),
    );
    const { woo } = createTestAdapter();
    const changed = await collect(woo.orders.listChanged());
    // Order 5 changed while the feed was read: it comes again, later, with its new timestamp.
    expect(changed.map((order) => order.id)).toEqual([...first.map((order) => order.id), 101, 5]);
    expect(log()).toEqual([
      'GET /orders?orderby=modified&order=asc&dates_are_gmt=true&per_page=100&page=1',
      'GET /orders?orderby=modified&order=asc&dates_are_gmt=true&modified_after=2026-11-27T07:59:55&per_page=100&page=1',
    ]);
  });

  it('upserts meta with PUT /orders/<id> and meta_data', async () => {
    server.use(http.put(`${API}/orders/5`, () => HttpResponse.json({ id: 5 })));
    const { woo } = createTestAdapter();
    await woo.orders.updateMeta(5, [{ key: '_balance_sale_uid', value: 'a1b2' }]);
    expect(log()).toEqual(['PUT /orders/5']);
    expect(jsonBody(requests[0])).toEqual({
      meta_data: [{ key: '_balance_sale_uid', value: 'a1b2' }],
    });
    expect(requests[0]!.url.searchParams.get('_fields')).toBe('id');
  });
});

function wireRefund(id: number, created: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    date_created_gmt: created,
    amount: '9.00',
    reason: '',
    refunded_payment: false,
    line_items: [
      {
        id: 314,
        name: 'Shirt',
        product_id: 87,
        variation_id: 0,
        quantity: -1,
        subtotal: '-9.00',
        total: '-9.00',
        total_tax: '0.00',
        taxes: [],
        meta_data: [{ id: 1, key: '_refunded_item_id', value: '311' }],
        sku: 'SHIRT',
        price: -9,
      },
    ],
    shipping_lines: [
      {
        id: 315,
        method_title: 'Flat rate',
        total: '-5.00',
        total_tax: '0.00',
        taxes: [],
        meta_data: [{ key: '_refunded_item_id', value: '312' }],
      },
    ],
    fee_lines: [],
    meta_data: [],
    ...overrides,
  };
}

describe('refunds', () => {
  it('lists an order’s refunds oldest first with line links', async () => {
    server.use(
      http.get(`${API}/orders/5/refunds`, () =>
        HttpResponse.json(
          [wireRefund(21, '2026-11-27T09:00:00'), wireRefund(20, '2026-11-27T08:00:00')],
          {
            headers: pageHeaders(2),
          },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const refunds = await woo.refunds.listForOrder(5);
    expect(refunds.map((refund) => refund.id)).toEqual([20, 21]);
    expect(refunds[0]).toMatchObject({
      orderId: 5,
      amount: '9.00',
      dateCreated: '2026-11-27T08:00:00Z',
      lineItems: [{ refundedItemId: 311, quantity: -1, total: '-9.00', subtotal: '-9.00' }],
      shippingLines: [{ refundedItemId: 312, name: 'Flat rate', total: '-5.00', productId: 0 }],
    });
  });

  it('uses the global /refunds route when the store has it', async () => {
    server.use(
      http.get(`${API}/refunds`, () =>
        HttpResponse.json(
          [
            wireRefund(30, '2026-11-27T08:00:00', { parent_id: 5 }),
            wireRefund(31, '2026-11-27T08:00:00', { parent_id: 6 }),
          ],
          { headers: pageHeaders(2) },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const refunds = await collect(
      woo.refunds.listChanged({ after: { timestamp: '2026-11-27T08:00:00Z', id: 30 } }),
    );
    expect(refunds.map((refund) => [refund.id, refund.orderId])).toEqual([[31, 6]]);
    expect(log()).toEqual([
      'GET /refunds?orderby=date&order=asc&dates_are_gmt=true&after=2026-11-27T07:59:55&per_page=100&page=1',
    ]);
  });

  it('falls back to per-order refunds after a 404 rest_no_route, and remembers it', async () => {
    server.use(
      http.get(`${API}/refunds`, () =>
        HttpResponse.json(
          {
            code: 'rest_no_route',
            message: 'No route was found matching the URL and request method.',
            data: { status: 404 },
          },
          { status: 404 },
        ),
      ),
      http.get(`${API}/orders`, () =>
        HttpResponse.json(
          [
            wireOrder(5, '2026-11-27T08:00:00', {
              refunds: [{ id: 20, reason: '', total: '-9.00' }],
            }),
            wireOrder(6, '2026-11-27T08:30:00'),
            wireOrder(8, '2026-11-27T09:00:00', {
              refunds: [{ id: 22, reason: '', total: '-9.00' }],
            }),
          ],
          { headers: pageHeaders(3) },
        ),
      ),
      http.get(`${API}/orders/5/refunds`, () =>
        HttpResponse.json([wireRefund(20, '2026-11-27T08:00:00')], { headers: pageHeaders(1) }),
      ),
      http.get(`${API}/orders/8/refunds`, () =>
        HttpResponse.json(
          [wireRefund(22, '2026-11-27T09:00:00'), wireRefund(19, '2026-11-27T07:00:00')],
          { headers: pageHeaders(2) },
        ),
      ),
    );
    const { woo } = createTestAdapter();
    const first = await collect(
      woo.refunds.listChanged({ after: { timestamp: '2026-11-27T07:30:00Z', id: 1 } }),
    );
    expect(first.map((refund) => [refund.id, refund.orderId])).toEqual([
      [20, 5],
      [22, 8],
    ]);
    await collect(woo.refunds.listChanged());
    expect(log().filter((line) => line.startsWith('GET /refunds'))).toHaveLength(1);
    expect(log()[1]).toBe(
      'GET /orders?orderby=modified&order=asc&dates_are_gmt=true&modified_after=2026-11-27T07:29:54&per_page=100&page=1',
    );
  });
});
