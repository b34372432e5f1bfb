/*
 * Orders and refunds computed the way WooCommerce computes them, for property tests.
 * Independent of the code under test: its own integer arithmetic (BigInt, 6-decimal "micro"
 * units for taxes), its own rounding (half away from zero, like PHP).
 *
 * - A product line: unit price × quantity, minus a per-line discount (coupons), is the line
 *   price; with prices including tax the tax is extracted (price × r / (100 + r)), otherwise
 *   added (price × r / 100). `taxes[]` carry the unrounded tax with 6 decimals; `total` and
 *   `total_tax` are rounded to 2 decimals.
 * - Shipping and fees are entered without tax; fees may be negative (discount fees).
 * - The order total is either Σ rounded(net) + Σ rounded(tax) (tax rounded per line) or
 *   rounded(Σ net + Σ tax) with unrounded parts ("round tax at subtotal"), which is where
 *   WooCommerce's rounded fields stop adding up.
 * - Refunds follow the admin refund screen: k units of a line refund round(total / q × k)
 *   and round(total_tax / q × k); the refund amount is the sum; WooCommerce refuses an
 *   amount beyond what is left of the order total.
 */
import type { WooOrder, WooRefund, WooRefundLine } from '@balance-sync/woo-sync-core';
import fc from 'fast-check';
import { address, order as baseOrder } from './fixtures.js';

const MICRO_PER_MINOR = 10_000n; // 6 decimals vs 2

function roundDiv(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

export function money(minor: bigint | number): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative && value !== 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function micro(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(7, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

export interface LineSpec {
  quantity: number;
  unitPriceMinor: number;
  discountPercent: number;
  rate: 0 | 18;
}

export interface OrderSpec {
  pricesIncludeTax: boolean;
  roundAtSubtotal: boolean;
  lines: LineSpec[];
  shipping: { costMinor: number; rate: 0 | 18 }[];
  /** Fee amounts in per mille of the products' price (negative = discount fee). */
  fees: { permille: number; rate: 0 | 18 }[];
}

const rateArb = fc.constantFrom<0 | 18>(0, 18, 18);

export const lineSpecArb: fc.Arbitrary<LineSpec> = fc.record({
  quantity: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 40 })),
  unitPriceMinor: fc.oneof(
    fc.integer({ min: 1, max: 2_000 }),
    fc.integer({ min: 1, max: 250_000 }),
    fc.constantFrom(333, 999, 1, 5),
  ),
  discountPercent: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })),
  rate: rateArb,
});

export const orderSpecArb: fc.Arbitrary<OrderSpec> = fc.record({
  pricesIncludeTax: fc.boolean(),
  roundAtSubtotal: fc.boolean(),
  lines: fc.array(lineSpecArb, { minLength: 1, maxLength: 6 }),
  shipping: fc.array(fc.record({ costMinor: fc.integer({ min: 0, max: 3_000 }), rate: rateArb }), {
    maxLength: 2,
  }),
  fees: fc.array(fc.record({ permille: fc.integer({ min: -400, max: 300 }), rate: rateArb }), {
    maxLength: 2,
  }),
});

interface ComputedPart {
  id: number;
  netMicro: bigint;
  taxMicro: bigint;
}

function rounded(value: bigint): bigint {
  return roundDiv(value, MICRO_PER_MINOR);
}

/** Builds the WooCommerce order of a spec. */
export function wooOrderFromSpec(spec: OrderSpec, id = 5000): WooOrder {
  const parts: ComputedPart[] = [];
  const lineItems: WooOrder['lineItems'] = [];
  let productsPriceMinor = 0n;
  let discountMinor = 0n;
  spec.lines.forEach((line, index) => {
    const subtotal = BigInt(line.unitPriceMinor) * BigInt(line.quantity);
    const discount = roundDiv(subtotal * BigInt(line.discountPercent), 100n);
    const price = subtotal - discount;
    productsPriceMinor += price;
    discountMinor += discount;
    const r = BigInt(line.rate);
    let netMicro: bigint;
    let taxMicro: bigint;
    if (spec.pricesIncludeTax) {
      const grossMicro = price * MICRO_PER_MINOR;
      taxMicro = roundDiv(grossMicro * r, 100n + r);
      netMicro = grossMicro - taxMicro;
    } else {
      netMicro = price * MICRO_PER_MINOR;
      taxMicro = roundDiv(netMicro * r, 100n);
    }
    const lineId = index + 1;
    parts.push({ id: lineId, netMicro, taxMicro });
    lineItems.push({
      id: lineId,
      name: `Product ${lineId}`,
      productId: 500 + lineId,
      variationId: 0,
      sku: `SKU-${lineId}`,
      quantity: line.quantity,
      subtotal: money(rounded(netMicro)),
      subtotalTax: money(rounded(taxMicro)),
      total: money(rounded(netMicro)),
      totalTax: money(rounded(taxMicro)),
      taxes:
        line.rate === 0 ? [] : [{ rateId: 1, total: micro(taxMicro), subtotal: micro(taxMicro) }],
      meta: [],
    });
  });
  const shippingLines: WooOrder['shippingLines'] = spec.shipping.map((shipping, index) => {
    const netMicro = BigInt(shipping.costMinor) * MICRO_PER_MINOR;
    const taxMicro = roundDiv(netMicro * BigInt(shipping.rate), 100n);
    const lineId = 101 + index;
    parts.push({ id: lineId, netMicro, taxMicro });
    return {
      id: lineId,
      methodId: 'flat_rate',
      methodTitle: `Courier ${index + 1}`,
      total: money(rounded(netMicro)),
      totalTax: money(rounded(taxMicro)),
      taxes: shipping.rate === 0 ? [] : [{ rateId: 1, total: micro(taxMicro), subtotal: '' }],
    };
  });
  const feeLines: WooOrder['feeLines'] = [];
  spec.fees.forEach((fee, index) => {
    const amount = roundDiv(productsPriceMinor * BigInt(fee.permille), 1000n);
    if (amount === 0n) return;
    const netMicro = amount * MICRO_PER_MINOR;
    const taxMicro = roundDiv(netMicro * BigInt(fee.rate), 100n);
    const lineId = 201 + index;
    parts.push({ id: lineId, netMicro, taxMicro });
    feeLines.push({
      id: lineId,
      name: amount < 0n ? `Discount ${index + 1}` : `Gift wrap ${index + 1}`,
      taxStatus: fee.rate === 0 ? 'none' : 'taxable',
      total: money(rounded(netMicro)),
      totalTax: money(rounded(taxMicro)),
      taxes: fee.rate === 0 ? [] : [{ rateId: 1, total: micro(taxMicro), subtotal: '' }],
    });
  });

  let total: bigint;
  let totalTax: bigint;
  if (spec.roundAtSubtotal) {
    total = rounded(parts.reduce((sum, part) => sum + part.netMicro + part.taxMicro, 0n));
    totalTax = rounded(parts.reduce((sum, part) => sum + part.taxMicro, 0n));
  } else {
    total = parts.reduce((sum, part) => sum + rounded(part.netMicro) + rounded(part.taxMicro), 0n);
    totalTax = parts.reduce((sum, part) => sum + rounded(part.taxMicro), 0n);
  }
  const shippingTotal = shippingLines.reduce((sum, line) => sum + BigInt(toMinor(line.total)), 0n);
  const shippingTax = shippingLines.reduce((sum, line) => sum + BigInt(toMinor(line.totalTax)), 0n);
  return baseOrder({
    id,
    number: `GE-${id}`,
    pricesIncludeTax: spec.pricesIncludeTax,
    total: money(total),
    totalTax: money(totalTax),
    shippingTotal: money(shippingTotal),
    shippingTax: money(shippingTax),
    discountTotal: money(discountMinor),
    cartTax: money(totalTax - shippingTax),
    billing: address(),
    lineItems,
    shippingLines,
    feeLines,
    couponLines:
      discountMinor > 0n
        ? [{ id: 301, code: 'tbilisi10', discount: money(discountMinor), discountTax: '0.00' }]
        : [],
  });
}

export const wooOrderArb: fc.Arbitrary<WooOrder> = orderSpecArb.map((spec) =>
  wooOrderFromSpec(spec),
);

function toMinor(text: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a 2-decimal amount: ${text}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -value : value;
}

// ---------------------------------------------------------------- refunds

/** One refund a merchant might enter on the admin screen. */
export type RefundIntent =
  | { type: 'units'; picks: { line: number; share: number }[]; shipping: number }
  | { type: 'amount'; share: number }
  | { type: 'line-amount'; line: number; share: number }
  | { type: 'shipping'; share: number }
  | { type: 'rest' };

export const refundIntentArb: fc.Arbitrary<RefundIntent> = fc.oneof(
  fc.record({
    type: fc.constant('units' as const),
    picks: fc.array(
      fc.record({ line: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
      { minLength: 1, maxLength: 3 },
    ),
    shipping: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  }),
  fc.record({
    type: fc.constant('amount' as const),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('line-amount' as const),
    line: fc.nat(),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('shipping' as const),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.constant({ type: 'rest' as const }),
);

interface LineState {
  id: number;
  quantity: number;
  totalMinor: number;
  taxMinor: number;
  refundedUnits: number;
  /** Money refunded through this line's refund lines (gross). */
  refundedMinor: number;
}

/**
 * Turns intents into the refunds WooCommerce would record, in order. Intents WooCommerce
 * would refuse (nothing left, amount beyond the order's remaining total) are dropped; so are
 * line refunds that would credit a line more than it cost, which the builder refuses on
 * purpose (tested separately).
 */
export function refundsFromIntents(order: WooOrder, intents: readonly RefundIntent[]): WooRefund[] {
  const lines: LineState[] = order.lineItems.map((line) => ({
    id: line.id,
    quantity: line.quantity,
    totalMinor: toMinor(line.total),
    taxMinor: toMinor(line.totalTax),
    refundedUnits: 0,
    refundedMinor: 0,
  }));
  const shipping = order.shippingLines.map((line) => ({
    id: line.id,
    totalMinor: toMinor(line.total),
    taxMinor: toMinor(line.totalTax),
    refundedMinor: 0,
  }));
  let remaining = toMinor(order.total);
  const refunds: WooRefund[] = [];
  let nextLineId = 9000;
  const share = (value: number, fraction: number) => Math.floor(value * fraction);

  const refundLineOf = (
    refundedItemId: number,
    quantity: number,
    netMinor: number,
    taxMinor: number,
  ): WooRefundLine => ({
    id: nextLineId++,
    refundedItemId,
    name: `Refund of ${refundedItemId}`,
    productId: 0,
    variationId: 0,
    sku: null,
    quantity: -quantity,
    subtotal: money(-netMinor),
    total: money(-netMinor),
    totalTax: money(-taxMinor),
    taxes: taxMinor === 0 ? [] : [{ rateId: 1, total: money(-taxMinor), subtotal: '' }],
  });

  for (const intent of intents) {
    if (remaining <= 0) break;
    const lineItems: WooRefundLine[] = [];
    const shippingLines: WooRefundLine[] = [];
    let amount = 0;
    const pending: (() => void)[] = [];
    if (intent.type === 'units') {
      const seen = new Set<number>();
      for (const pick of intent.picks) {
        const line = lines[pick.line % lines.length];
        if (!line || seen.has(line.id)) continue;
        seen.add(line.id);
        const left = line.quantity - line.refundedUnits;
        const units = Math.min(left, 1 + share(left, pick.share));
        if (units <= 0) continue;
        const net = Number(
          roundDiv(BigInt(line.totalMinor) * BigInt(units), BigInt(line.quantity)),
        );
        const tax = Number(roundDiv(BigInt(line.taxMinor) * BigInt(units), BigInt(line.quantity)));
        if (line.refundedMinor + net + tax > line.totalMinor + line.taxMinor + line.quantity)
          continue;
        lineItems.push(refundLineOf(line.id, units, net, tax));
        amount += net + tax;
        pending.push(() => {
          line.refundedUnits += units;
          line.refundedMinor += net + tax;
        });
      }
      const ship = shipping[0];
      if (ship && intent.shipping > 0) {
        const left = ship.totalMinor + ship.taxMinor - ship.refundedMinor;
        const gross = share(left, intent.shipping);
        if (gross > 0) {
          const tax = Number(
            roundDiv(
              BigInt(gross) * BigInt(ship.taxMinor),
              BigInt(ship.totalMinor + ship.taxMinor),
            ),
          );
          shippingLines.push(refundLineOf(ship.id, 0, gross - tax, tax));
          amount += gross;
          pending.push(() => {
            ship.refundedMinor += gross;
          });
        }
      }
    } else if (intent.type === 'line-amount') {
      const line = lines[intent.line % lines.length];
      if (!line) continue;
      const left = line.totalMinor + line.taxMinor - line.refundedMinor;
      const gross = share(left, intent.share);
      if (gross <= 0) continue;
      const tax =
        line.taxMinor === 0
          ? 0
          : Number(
              roundDiv(
                BigInt(gross) * BigInt(line.taxMinor),
                BigInt(line.totalMinor + line.taxMinor),
              ),
            );
      lineItems.push(refundLineOf(line.id, 0, gross - tax, tax));
      amount = gross;
      pending.push(() => {
        line.refundedMinor += gross;
      });
    } else if (intent.type === 'shipping') {
      const ship = shipping[0];
      if (!ship) continue;
      const left = ship.totalMinor + ship.taxMinor - ship.refundedMinor;
      const gross = share(left, intent.share);
      if (gross <= 0) continue;
      const tax =
        ship.taxMinor === 0
          ? 0
          : Number(
              roundDiv(
                BigInt(gross) * BigInt(ship.taxMinor),
                BigInt(ship.totalMinor + ship.taxMinor),
              ),
            );
      shippingLines.push(refundLineOf(ship.id, 0, gross - tax, tax));
      amount = gross;
      pending.push(() => {
        ship.refundedMinor += gross;
      });
    } else if (intent.type === 'amount') {
      amount = Math.max(1, share(remaining, intent.share));
    } else {
      amount = remaining; // status set to "refunded": an amount-only refund of the rest
    }
    if (amount <= 0 || amount > remaining) continue;
    for (const apply of pending) apply();
    remaining -= amount;
    const refundId = 7000 + refunds.length;
    refunds.push({
      id: refundId,
      orderId: order.id,
      dateCreated: `2026-03-${String(5 + refunds.length).padStart(2, '0')}T10:00:00Z`,
      amount: money(amount),
      reason: intent.type === 'rest' ? 'Order fully refunded.' : '',
      refundedPayment: false,
      lineItems,
      shippingLines,
      feeLines: [],
      meta: [],
    });
  }
  return refunds;
}
