/**
 * Order money as WooCommerce computes it, in exact precise units:
 *
 * - {@link calculateCheckoutTotals} ports `WC_Cart_Totals` + `WC_Discounts` (what checkout
 *   writes to the order): item prices as entered (tax-inclusive or not), percent and
 *   fixed-cart coupons spread over lines in whole cents, taxes rounded to 6 decimals of a cent
 *   and per line to the cent, shipping and fees (negative fees taxed proportionally).
 * - {@link recalculateOrderTotals} ports `WC_Abstract_Order::calculate_totals()` (used by REST
 *   order writes): exclusive taxes on the stored line totals.
 *
 * Internal module.
 */
import {
  floorTo,
  mulDivFloor,
  mulDivRound,
  PRECISE_DECIMALS,
  PRECISE_SCALE,
  type Precise,
  roundTo,
} from './money.js';
import type { WooCommerceSettings } from './settings.js';
import type { ItemTax, OrderRecord } from './store-state.js';

/** A tax rate row. */
export interface TaxRate {
  id: number;
  /** Rate in percent × 10⁴ (18% → 180000). */
  rateE4: number;
  label: string;
  code: string;
  percent: number;
  shipping: boolean;
}

/** Tax rates by tax class slug (`''` = standard), as configured in the settings. */
export function taxRatesFor(settings: WooCommerceSettings, taxClass: string): TaxRate[] {
  if (!settings.calcTaxes) return [];
  const classes = ['', ...Object.keys(settings.taxClassRates)];
  const cls = taxClass === 'standard' || taxClass === 'parent' ? '' : taxClass;
  const index = classes.indexOf(cls);
  if (index === -1) return [];
  const percent = cls === '' ? settings.standardTaxRate : (settings.taxClassRates[cls] ?? 0);
  const label = cls === '' ? settings.taxLabel : `${settings.taxLabel} ${cls}`;
  return [
    {
      id: index + 1,
      rateE4: Math.round(percent * 10_000),
      label,
      code: `${settings.country}-${label.toUpperCase().replace(/\s+/g, '-')}-1`,
      percent,
      shipping: cls === '' && settings.shippingTaxable,
    },
  ];
}

/** All tax rates of the store (for tax line labels). */
export function allTaxRates(settings: WooCommerceSettings): TaxRate[] {
  return ['', ...Object.keys(settings.taxClassRates)].flatMap((c) => taxRatesFor(settings, c));
}

/**
 * `WC_Tax::calc_tax()` for non-compound rates, each tax rounded to `decimals` decimals of the
 * currency unit (WooCommerce rounds to 6 decimals of whatever unit it is given).
 */
export function calcTax(
  price: Precise,
  rates: readonly TaxRate[],
  inclusive: boolean,
  decimals: number,
): Map<number, Precise> {
  const out = new Map<number, Precise>();
  const sum = rates.reduce((s, r) => s + r.rateE4, 0);
  for (const rate of rates) {
    const raw = inclusive
      ? mulDivRound(price, rate.rateE4, 1_000_000 + sum)
      : mulDivRound(price, rate.rateE4, 1_000_000);
    out.set(rate.id, roundTo(raw, decimals));
  }
  return out;
}

function sumMap(map: Map<number, Precise>): Precise {
  let s = 0;
  for (const v of map.values()) s += v;
  return s;
}

function addInto(
  target: Map<number, Precise>,
  source: Map<number, Precise>,
  round: (v: Precise) => Precise,
): void {
  for (const [k, v] of source) target.set(k, (target.get(k) ?? 0) + round(v));
}

function taxesToItems(total: Map<number, Precise>, subtotal: Map<number, Precise>): ItemTax[] {
  const ids = new Set([...total.keys(), ...subtotal.keys()]);
  return [...ids].map((rateId) => ({
    rateId,
    total: total.get(rateId) ?? 0,
    subtotal: subtotal.get(rateId) ?? 0,
  }));
}

/** A cart line for {@link calculateCheckoutTotals}. */
export interface CheckoutLineInput {
  /** Unit price as the catalog holds it (tax-inclusive when the store enters prices with tax). */
  unitPrice: Precise;
  quantity: number;
  taxable: boolean;
  taxClass: string;
}

/** A coupon for {@link calculateCheckoutTotals}. */
export interface CheckoutCouponInput {
  code: string;
  type: 'percent' | 'fixed_cart';
  /** Percent (precise units of percent) or an amount (precise units of money). */
  amount: Precise;
}

/** Checkout input. */
export interface CheckoutInput {
  lines: CheckoutLineInput[];
  coupons: CheckoutCouponInput[];
  shipping: { total: Precise } | null;
  fees: { total: Precise; taxable: boolean; taxClass: string }[];
  pricesIncludeTax: boolean;
  settings: WooCommerceSettings;
}

/** Money of one line after checkout. */
export interface LineMoney {
  subtotal: Precise;
  subtotalTax: Precise;
  total: Precise;
  totalTax: Precise;
  taxes: ItemTax[];
}

/** Checkout result, everything in precise units and unrounded where WooCommerce keeps it so. */
export interface CheckoutTotals {
  lines: LineMoney[];
  shipping: LineMoney | null;
  fees: LineMoney[];
  coupons: { code: string; discount: Precise; discountTax: Precise }[];
  discountTotal: Precise;
  discountTax: Precise;
  shippingTotal: Precise;
  shippingTax: Precise;
  cartTax: Precise;
  total: Precise;
  taxLines: { rateId: number; taxTotal: Precise; shippingTaxTotal: Precise }[];
}

/**
 * `WC_Discounts` for percent and fixed-cart coupons: returns, per coupon, the discount of each
 * item (same order as `items`), in whole cents except where a line's price caps it. Items are
 * visited most expensive first; leftover cents go one by one from the top.
 */
export function distributeCouponDiscounts(
  items: readonly { price: Precise; quantity: number }[],
  coupons: readonly CheckoutCouponInput[],
  dp: number,
): Precise[][] {
  const cent = 10 ** (PRECISE_DECIMALS - dp);
  const given = items.map(() => 0);
  const order = items
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => b.price * b.quantity - a.price * a.quantity);
  const discounted = (index: number): Precise => (items[index]?.price ?? 0) - (given[index] ?? 0);
  return coupons.map((coupon) => {
    const mine = items.map(() => 0);
    const give = (index: number, amount: Precise): void => {
      given[index] = (given[index] ?? 0) + amount;
      mine[index] = (mine[index] ?? 0) + amount;
    };
    const remainder = (amount: Precise, candidates: typeof order): Precise => {
      let total = 0;
      outer: for (const item of candidates) {
        for (let i = 0; i < item.quantity; i++) {
          const d = Math.min(discounted(item.index), cent);
          total += d;
          give(item.index, d);
          if (total >= amount) break outer;
        }
      }
      return total;
    };
    if (coupon.type === 'percent') {
      let totalDiscount = 0;
      let cartTotal = 0;
      for (const item of order) {
        const priceToDiscount = roundTo(item.price, dp);
        const discount = floorTo(
          mulDivFloor(priceToDiscount, coupon.amount, 100 * PRECISE_SCALE),
          dp,
        );
        give(item.index, discount);
        totalDiscount += discount;
        cartTotal += priceToDiscount;
      }
      const cartDiscount = roundTo(mulDivRound(cartTotal, coupon.amount, 100 * PRECISE_SCALE), dp);
      if (totalDiscount < cartDiscount) remainder(cartDiscount - totalDiscount, order);
    } else {
      const withPrice = order.filter((i) => i.price > 0);
      const applyFixedCart = (amount: Precise): Precise => {
        const count = withPrice.reduce((s, i) => s + i.quantity, 0);
        if (count === 0 || amount <= 0) return 0;
        const perUnit = Math.floor(amount / count / cent) * cent;
        if (perUnit > 0) {
          let total = 0;
          for (const item of withPrice) {
            const d = Math.min(discounted(item.index), perUnit * item.quantity);
            give(item.index, d);
            total += d;
          }
          if (total > 0 && total < amount) total += applyFixedCart(amount - total);
          return total;
        }
        return remainder(amount, withPrice);
      };
      applyFixedCart(roundTo(coupon.amount, dp + 4));
    }
    return mine;
  });
}

/** Port of `WC_Cart_Totals::calculate()` for a single-package cart. */
export function calculateCheckoutTotals(input: CheckoutInput): CheckoutTotals {
  const { settings } = input;
  const dp = settings.priceDecimals;
  const taxDecimals = dp + 6;
  const roundLineTax = (v: Precise): Precise => (settings.taxRoundAtSubtotal ? v : roundTo(v, dp));
  const inclusive = input.pricesIncludeTax;

  interface Item {
    index: number;
    quantity: number;
    price: Precise;
    taxable: boolean;
    taxClass: string;
    rates: TaxRate[];
    subtotal: Precise;
    subtotalTax: Precise;
    subtotalTaxes: Map<number, Precise>;
    total: Precise;
    totalTax: Precise;
    taxes: Map<number, Precise>;
    discount: Precise;
  }
  const items: Item[] = input.lines.map((line, index) => {
    const rates = line.taxable ? taxRatesFor(settings, line.taxClass) : [];
    const price = roundTo(line.unitPrice * line.quantity, dp + 4);
    const item: Item = {
      index,
      quantity: line.quantity,
      price,
      taxable: line.taxable && rates.length > 0,
      taxClass: line.taxClass,
      rates,
      subtotal: price,
      subtotalTax: 0,
      subtotalTaxes: new Map(),
      total: 0,
      totalTax: 0,
      taxes: new Map(),
      discount: 0,
    };
    if (item.taxable) {
      item.subtotalTaxes = calcTax(price, rates, inclusive, taxDecimals);
      for (const t of item.subtotalTaxes.values()) item.subtotalTax += roundLineTax(t);
      if (inclusive) item.subtotal = price - sumMap(item.subtotalTaxes);
    }
    return item;
  });

  // Discounts (WC_Discounts), in cents, on the entered prices.
  const perCoupon = distributeCouponDiscounts(
    items.map((i) => ({ price: i.price, quantity: i.quantity })),
    input.coupons,
    dp,
  );
  const couponResults: { code: string; discount: Precise; discountTax: Precise }[] = [];
  input.coupons.forEach((coupon, c) => {
    let discount = 0;
    let discountTax = 0;
    const amounts = perCoupon[c] ?? [];
    amounts.forEach((amount, index) => {
      const item = items[index];
      if (!item || amount === 0) return;
      item.discount += amount;
      discount += amount;
      if (item.taxable) {
        const tax = sumMap(calcTax(amount, item.rates, inclusive, taxDecimals));
        discountTax += tax;
        if (inclusive) discount -= tax;
      }
    });
    couponResults.push({ code: coupon.code, discount, discountTax });
  });
  const discountedPrice = (item: Item): Precise => item.price - item.discount;

  // Item totals.
  const itemTaxesMerged = new Map<number, Precise>();
  let itemsTotal = 0;
  for (const item of items) {
    item.total = discountedPrice(item);
    if (item.taxable) {
      item.taxes = calcTax(item.total, item.rates, inclusive, taxDecimals);
      for (const t of item.taxes.values()) item.totalTax += roundLineTax(t);
      if (inclusive) item.total -= sumMap(item.taxes);
      addInto(itemTaxesMerged, item.taxes, roundLineTax);
    }
    itemsTotal += roundTo(item.total, dp);
  }

  // Shipping.
  const shippingTaxes = new Map<number, Precise>();
  let shipping: LineMoney | null = null;
  let shippingTotal = 0;
  let shippingTax = 0;
  if (input.shipping) {
    const total = roundTo(input.shipping.total, dp + 4);
    const rates = taxRatesFor(settings, '').filter((r) => r.shipping);
    const taxes = calcTax(total, rates, false, 6);
    let totalTax = 0;
    for (const t of taxes.values()) totalTax += roundLineTax(t);
    addInto(shippingTaxes, taxes, roundLineTax);
    shipping = {
      subtotal: total,
      subtotalTax: totalTax,
      total,
      totalTax,
      taxes: taxesToItems(taxes, taxes),
    };
    shippingTotal = total;
    shippingTax = totalTax;
  }

  // Fees.
  const feeTaxesMerged = new Map<number, Precise>();
  let feesTotal = 0;
  const fees: LineMoney[] = [];
  for (const fee of input.fees) {
    let total = roundTo(fee.total, dp + 4);
    if (total < 0) {
      const maxDiscount = -roundTo(itemsTotal + feesTotal + shippingTotal, dp);
      if (total < maxDiscount) total = maxDiscount;
    }
    let taxes = new Map<number, Precise>();
    if (settings.calcTaxes) {
      if (total < 0) {
        const costs = new Map<string, Precise>();
        let nonTaxable = 0;
        for (const item of items) {
          if (item.total < 0) continue;
          if (!item.taxable) nonTaxable += item.total;
          else costs.set(item.taxClass, (costs.get(item.taxClass) ?? 0) + item.total);
        }
        if (shipping && shipping.total > 0) costs.set('', (costs.get('') ?? 0) + shipping.total);
        const totalCost = [...costs.values()].reduce((s, v) => s + v, nonTaxable);
        if (totalCost > 0) {
          for (const [cls, cost] of costs) {
            const share = mulDivRound(total, cost, totalCost);
            const t = calcTax(share, taxRatesFor(settings, cls), false, taxDecimals);
            for (const [k, v] of t) taxes.set(k, (taxes.get(k) ?? 0) + v);
          }
        }
      } else if (fee.taxable) {
        taxes = calcTax(total, taxRatesFor(settings, fee.taxClass), false, taxDecimals);
      }
    }
    let totalTax = 0;
    for (const t of taxes.values()) totalTax += roundLineTax(t);
    addInto(feeTaxesMerged, taxes, roundLineTax);
    fees.push({
      subtotal: total,
      subtotalTax: totalTax,
      total,
      totalTax,
      taxes: taxesToItems(taxes, taxes),
    });
    feesTotal += total;
  }

  const cartTaxByRate = new Map<number, Precise>();
  for (const [k, v] of itemTaxesMerged) cartTaxByRate.set(k, (cartTaxByRate.get(k) ?? 0) + v);
  for (const [k, v] of feeTaxesMerged) cartTaxByRate.set(k, (cartTaxByRate.get(k) ?? 0) + v);
  let cartTax = sumMap(cartTaxByRate);
  if (settings.taxRoundAtSubtotal) {
    cartTax = roundTo(cartTax, dp);
    shippingTax = roundTo(shippingTax, dp);
  }
  const allTaxes = cartTax + sumMap(shippingTaxes);
  const total = Math.max(0, roundTo(itemsTotal + feesTotal + shippingTotal + allTaxes, dp));
  const rateIds = new Set([...cartTaxByRate.keys(), ...shippingTaxes.keys()]);
  const discountTotal = couponResults.reduce((s, c) => s + c.discount, 0);
  const discountTax = couponResults.reduce((s, c) => s + c.discountTax, 0);
  return {
    lines: items.map((i) => ({
      subtotal: i.subtotal,
      subtotalTax: i.subtotalTax,
      total: i.total,
      totalTax: i.totalTax,
      taxes: taxesToItems(i.taxes, i.subtotalTaxes),
    })),
    shipping,
    fees,
    coupons: couponResults,
    discountTotal,
    discountTax,
    shippingTotal,
    shippingTax,
    cartTax,
    total,
    taxLines: [...rateIds].map((rateId) => ({
      rateId,
      taxTotal: cartTaxByRate.get(rateId) ?? 0,
      shippingTaxTotal: shippingTaxes.get(rateId) ?? 0,
    })),
  };
}

/**
 * Port of `WC_Abstract_Order::calculate_totals(true)`: recomputes exclusive taxes of every
 * line from its stored (tax-exclusive) totals, then the order totals. Mutates the order.
 */
export function recalculateOrderTotals(
  order: OrderRecord,
  settings: WooCommerceSettings,
  isTaxable: (productId: number) => boolean,
): void {
  const dp = settings.priceDecimals;
  const roundLineTax = (v: Precise): Precise => (settings.taxRoundAtSubtotal ? v : roundTo(v, dp));
  const cartTaxes = new Map<number, Precise>();
  const shippingTaxes = new Map<number, Precise>();
  let cartSubtotal = 0;
  let cartTotal = 0;
  let subtotalTaxSum = 0;
  let totalTaxSum = 0;
  for (const line of order.lineItems) {
    cartSubtotal += roundTo(line.subtotal, dp);
    cartTotal += roundTo(line.total, dp);
    const productId = line.variationId || line.productId;
    const rates = isTaxable(productId) ? taxRatesFor(settings, line.taxClass) : [];
    const totalTaxes = calcTax(line.total, rates, false, 6);
    const subtotalTaxes = calcTax(line.subtotal, rates, false, 6);
    line.taxes = taxesToItems(totalTaxes, subtotalTaxes);
    line.totalTax = [...totalTaxes.values()].reduce((s, v) => s + roundLineTax(v), 0);
    line.subtotalTax = [...subtotalTaxes.values()].reduce((s, v) => s + roundLineTax(v), 0);
    addInto(cartTaxes, totalTaxes, roundLineTax);
    subtotalTaxSum += sumMap(subtotalTaxes);
    totalTaxSum += sumMap(totalTaxes);
  }
  let shippingTotal = 0;
  for (const s of order.shippingLines) {
    shippingTotal += roundTo(s.total, dp);
    const rates =
      s.taxStatus === 'taxable' ? taxRatesFor(settings, '').filter((r) => r.shipping) : [];
    const taxes = calcTax(s.total, rates, false, 6);
    s.taxes = taxesToItems(taxes, taxes);
    s.totalTax = [...taxes.values()].reduce((sum, v) => sum + roundLineTax(v), 0);
    addInto(shippingTaxes, taxes, roundLineTax);
  }
  let feesTotal = 0;
  for (const fee of order.feeLines) {
    if (fee.total < 0) {
      const maxDiscount = -roundTo(cartTotal + feesTotal + shippingTotal, dp);
      if (fee.total < maxDiscount && maxDiscount < 0) fee.total = maxDiscount;
    }
    feesTotal += fee.total;
    const rates = fee.taxStatus === 'taxable' ? taxRatesFor(settings, fee.taxClass) : [];
    const taxes = calcTax(fee.total, rates, false, 6);
    fee.taxes = taxesToItems(taxes, taxes);
    fee.totalTax = [...taxes.values()].reduce((sum, v) => sum + roundLineTax(v), 0);
    addInto(cartTaxes, taxes, roundLineTax);
  }
  order.shippingTotal = shippingTotal;
  order.cartTax = sumMap(cartTaxes);
  order.shippingTax = sumMap(shippingTaxes);
  order.discountTotal = roundTo(cartSubtotal - cartTotal, dp);
  order.discountTax = roundTo(subtotalTaxSum - totalTaxSum, dp);
  order.total = roundTo(
    cartTotal + feesTotal + order.shippingTotal + order.cartTax + order.shippingTax,
    dp,
  );
  const rateIds = new Set([...cartTaxes.keys(), ...shippingTaxes.keys()]);
  const previous = new Map(order.taxLines.map((t) => [t.rateId, t.id]));
  const rates = allTaxRates(settings);
  order.taxLines = [...rateIds].map((rateId) => {
    const rate = rates.find((r) => r.id === rateId);
    return {
      id: previous.get(rateId) ?? 0,
      rateCode: rate?.code ?? '',
      rateId,
      label: rate?.label ?? '',
      compound: false,
      taxTotal: cartTaxes.get(rateId) ?? 0,
      shippingTaxTotal: shippingTaxes.get(rateId) ?? 0,
      ratePercent: rate?.percent ?? 0,
      meta: [],
    };
  });
}

/** `wc_get_price_excluding_tax($product, ['qty' => $qty])` for a stored price string. */
export function priceExcludingTax(
  unitPrice: Precise,
  quantity: number,
  taxable: boolean,
  taxClass: string,
  settings: WooCommerceSettings,
): Precise {
  const linePrice = unitPrice * quantity;
  if (!settings.pricesIncludeTax || !taxable) return linePrice;
  const rates = taxRatesFor(settings, taxClass);
  return linePrice - sumMap(calcTax(linePrice, rates, true, 6));
}
