import type { CatalogConfig } from '../config/sync-config-schema.js';
import type { UtcDateTime } from '../ports/woocommerce-port.js';
import { toUtcIso, utcToEpoch } from '../time/utc-instant.js';
import { moneyToMinor, percentOff } from './catalog-decimal.js';
import type { BalanceDiscountRule, BalancePricingDocument } from './catalog-snapshot.js';
import type { GroupTree } from './group-tree.js';
import { localToUtc } from './store-time.js';

/**
 * The `DiscountCondition` literal of an unconditional discount rule.
 *
 * @example
 * ```ts
 * rule.DiscountCondition === UNCONDITIONAL_DISCOUNT;
 * ```
 */
export const UNCONDITIONAL_DISCOUNT = 'უპირობოდ';

/**
 * A sale an item has now or later: its price in minor units and its window in UTC.
 *
 * @example
 * ```ts
 * const sale: ResolvedSale | undefined = resolver.resolve(itemUid, groupUid, 1890);
 * ```
 */
export interface ResolvedSale {
  /** Sale price in minor units; `undefined` when Balance's value is not a number. */
  minor: number | undefined;
  /** Start, or `null` when the sale is already running. */
  from: UtcDateTime | null;
  /** End, or `null` when open-ended. */
  to: UtcDateTime | null;
  /** Where it came from, for the report (`ItemPricing 0042`, `Discount ახალი წელი 10%`). */
  source: string;
}

interface TimelinePoint {
  at: number;
  price: string;
  source: string;
}

interface DiscountWindow {
  rule: BalanceDiscountRule;
  from: number | null;
  to: number | null;
  items: ReadonlySet<string>;
}

/**
 * Finds the sale price and window of each item, from the source the configuration names:
 *
 * - `price-type`: dated ItemPricing documents of the sale price type. A document's price for
 *   an item applies from its `Date` until the next document of that type that lists the
 *   item; a price of 0 (or empty) in a later document ends the sale (the end marker).
 *   The sale is the first such window that has not ended yet (running now, or the next one).
 * - `discounts`: active, unconditional Discounts rules without a weekday schedule (only the
 *   configured ones, when a list is given), applying to the item or one of its groups (or
 *   to everything). The window runs from `StartDate` 00:00 to the end of `EndDate`. A
 *   running rule wins over a future one; among running rules, the largest percentage.
 *
 * Balance dates are wall-clock times of the store's time zone and become UTC here.
 *
 * @example
 * ```ts
 * const sales = new SalePriceResolver(catalog.prices.sale, snapshot.balance, tree, 'Asia/Tbilisi', now);
 * sales.resolve(itemUid, parentGroup, 1890); // { minor: 1590, from: null, to: '2026-01-07T20:00:00Z', … }
 * ```
 */
export class SalePriceResolver {
  readonly #now: number;
  readonly #timeline = new Map<string, TimelinePoint[]>();
  readonly #discounts: DiscountWindow[] = [];
  readonly #tree: GroupTree;

  constructor(
    sale: CatalogConfig['prices']['sale'],
    balance: {
      pricingDocuments: readonly BalancePricingDocument[];
      discounts: readonly BalanceDiscountRule[];
    },
    tree: GroupTree,
    timeZone: string,
    now: Date,
  ) {
    this.#now = now.getTime();
    this.#tree = tree;
    if (sale.source === 'price-type') {
      const docs = balance.pricingDocuments
        .filter((doc) => doc.priceType === sale.priceType)
        .map((doc, order) => ({ doc, order, at: utcToEpoch(localToUtc(doc.date, timeZone)) }))
        .filter((d): d is typeof d & { at: number } => d.at !== undefined)
        .sort((a, b) => a.at - b.at || a.order - b.order);
      for (const { doc, at } of docs) {
        for (const line of doc.items) {
          let points = this.#timeline.get(line.item);
          if (!points) {
            points = [];
            this.#timeline.set(line.item, points);
          }
          const last = points[points.length - 1];
          const point = { at, price: line.price, source: `ItemPricing ${doc.uid}` };
          // Two documents at the same instant: the later one wins.
          if (last && last.at === at) points[points.length - 1] = point;
          else points.push(point);
        }
      }
    } else if (sale.source === 'discounts') {
      const only = new Set(sale.discounts);
      for (const rule of balance.discounts) {
        if (!rule.active || rule.scheduled) continue;
        if (rule.condition.trim() !== UNCONDITIONAL_DISCOUNT) continue;
        if (only.size > 0 && !only.has(rule.uid)) continue;
        if ((moneyToMinor(rule.percentage) ?? 0) <= 0) continue;
        const from = rule.startDate ? utcToEpoch(localToUtc(rule.startDate, timeZone)) : null;
        const to = rule.endDate ? utcToEpoch(localToUtc(rule.endDate, timeZone, 1)) : null;
        if (from === undefined || to === undefined) continue;
        if (to !== null && to <= this.#now) continue;
        if (from !== null && to !== null && to <= from) continue;
        this.#discounts.push({ rule, from, to, items: new Set(rule.items) });
      }
    }
  }

  /**
   * The sale of one item, or `undefined` when it has none now or later.
   *
   * @param parent - the item's group (discount rules may name groups)
   * @param regularMinor - the regular price (discount percentages apply to it)
   */
  resolve(item: string, parent: string | null, regularMinor: number): ResolvedSale | undefined {
    if (this.#timeline.size > 0) return this.#fromTimeline(item);
    if (this.#discounts.length > 0) return this.#fromDiscounts(item, parent, regularMinor);
    return undefined;
  }

  #fromTimeline(item: string): ResolvedSale | undefined {
    const points = this.#timeline.get(item);
    if (!points) return undefined;
    for (let i = 0; i < points.length; i += 1) {
      const point = points[i]!;
      const end = points[i + 1]?.at;
      if (end !== undefined && end <= this.#now) continue;
      if (point.price.trim() === '') continue; // the end marker
      const minor = moneyToMinor(point.price);
      if (minor === 0) continue; // the end marker
      return {
        minor,
        from: point.at <= this.#now ? null : toUtcIso(point.at),
        to: end === undefined ? null : toUtcIso(end),
        source: point.source,
      };
    }
    return undefined;
  }

  #fromDiscounts(
    item: string,
    parent: string | null,
    regularMinor: number,
  ): ResolvedSale | undefined {
    let best: DiscountWindow | undefined;
    let bestRunning = false;
    let bestPercent = 0;
    for (const window of this.#discounts) {
      if (window.items.size > 0 && !this.#applies(window.items, item, parent)) continue;
      const running = window.from === null || window.from <= this.#now;
      const percent = moneyToMinor(window.rule.percentage) ?? 0;
      const better =
        !best ||
        (running && !bestRunning) ||
        (running === bestRunning &&
          (running
            ? percent > bestPercent
            : (window.from ?? 0) < (best.from ?? 0) ||
              ((window.from ?? 0) === (best.from ?? 0) && percent > bestPercent)));
      if (better) {
        best = window;
        bestRunning = running;
        bestPercent = percent;
      }
    }
    if (!best) return undefined;
    const minor = percentOff(regularMinor, best.rule.percentage);
    return {
      minor,
      from: bestRunning || best.from === null ? null : toUtcIso(best.from),
      to: best.to === null ? null : toUtcIso(best.to),
      source: `Discount ${best.rule.name || best.rule.uid} ${best.rule.percentage}%`,
    };
  }

  #applies(items: ReadonlySet<string>, item: string, parent: string | null): boolean {
    if (items.has(item)) return true;
    for (const group of this.#tree.lineage(parent)) if (items.has(group)) return true;
    return false;
  }
}
