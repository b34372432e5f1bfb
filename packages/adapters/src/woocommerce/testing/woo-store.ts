/**
 * The shared context of one simulated store: data, settings, time, randomness and the action
 * hooks that drive webhooks. Every domain module works on a {@link WooStore}.
 *
 * Internal module (the type is exported for documentation only).
 */
import type { Clock } from './clock.js';
import { SiteTimeZone } from './dates.js';
import type { SeededRandom } from './random.js';
import type { WooCommerceSettings } from './settings.js';
import type { StoreState } from './store-state.js';

/**
 * A WordPress action fired by the store (`woocommerce_update_order`, `wp_trash_post`, …).
 * Webhooks subscribe to these, as in WooCommerce.
 *
 * @example
 * const e: StoreHookEvent = { hook: 'woocommerce_new_order', arg: 42, objectType: 'shop_order' };
 */
export interface StoreHookEvent {
  /** The action name. */
  hook: string;
  /** The first action argument (the object id). */
  arg: number;
  /** The post type of the object. */
  objectType: 'product' | 'product_variation' | 'shop_order' | 'shop_order_refund';
}

/**
 * Internal context shared by the simulator's modules.
 *
 * @example
 * store.nowSec(); // current clock time in epoch seconds
 */
export class WooStore {
  readonly state: StoreState;
  readonly settings: WooCommerceSettings;
  readonly clock: Clock;
  readonly random: SeededRandom;
  /** Home URL (site origin, no trailing slash). */
  siteUrl: string;
  private zone: SiteTimeZone | null = null;
  private readonly listeners: ((event: StoreHookEvent) => void)[] = [];

  constructor(options: {
    state: StoreState;
    settings: WooCommerceSettings;
    clock: Clock;
    random: SeededRandom;
    siteUrl: string;
  }) {
    this.state = options.state;
    this.settings = options.settings;
    this.clock = options.clock;
    this.random = options.random;
    this.siteUrl = options.siteUrl;
  }

  /** The site time zone (follows `settings.timezone`). */
  get tz(): SiteTimeZone {
    if (!this.zone || this.zone.name !== this.settings.timezone) {
      this.zone = new SiteTimeZone(this.settings.timezone);
    }
    return this.zone;
  }

  /** Current time in whole epoch seconds. */
  nowSec(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  /** Decimal places of order money. */
  get dp(): number {
    return this.settings.priceDecimals;
  }

  /** Absolute REST URL for a path under `/wp-json`. */
  restUrl(route: string): string {
    return `${this.siteUrl}/wp-json${route}`;
  }

  /** Fires an action hook. */
  emit(hook: string, arg: number, objectType: StoreHookEvent['objectType']): void {
    const event: StoreHookEvent = { hook, arg, objectType };
    for (const listener of this.listeners) listener(event);
  }

  /** Subscribes to action hooks. */
  onHook(listener: (event: StoreHookEvent) => void): void {
    this.listeners.push(listener);
  }
}
