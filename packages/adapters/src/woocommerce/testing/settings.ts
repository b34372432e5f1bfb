/**
 * Store settings of the simulated WooCommerce site.
 */

/**
 * A payment gateway the store knows about.
 *
 * @example
 * const card: PaymentGatewaySettings = { title: 'Credit card', supportsRefunds: true };
 */
export interface PaymentGatewaySettings {
  /** `payment_method_title` written on orders. */
  title: string;
  /** Whether `process_refund()` works (REST refunds with `api_refund: true` need it). */
  supportsRefunds: boolean;
}

/**
 * The simulated store's settings. All of them can be changed at runtime through
 * `sim.settings` (a live object).
 *
 * @example
 * const sim = createWooCommerceSimulator({
 *   settings: { pricesIncludeTax: true, https: false, batchLimit: 50 },
 * });
 * sim.settings.restApiCaching = true;
 */
export interface WooCommerceSettings {
  /** Site time zone: an IANA name or a fixed offset such as `UTC+4`. Default `Asia/Tbilisi`. */
  timezone: string;
  /** Store currency. Default `GEL`. */
  currency: string;
  /** `woocommerce_price_num_decimals`: decimals of order money. Default 2. */
  priceDecimals: number;
  /** `woocommerce_prices_include_tax`: catalog prices include tax. Default `false`. */
  pricesIncludeTax: boolean;
  /** `woocommerce_calc_taxes`. Default `true`. */
  calcTaxes: boolean;
  /** Rate (percent) of the standard tax class. Georgia's VAT: 18. */
  standardTaxRate: number;
  /** Rates (percent) of other tax classes by slug. Default `{ 'zero-rate': 0 }`. */
  taxClassRates: Record<string, number>;
  /** Label of the standard rate (`tax_lines[].label`). Default `VAT`. */
  taxLabel: string;
  /** Country of the store (tax rate code prefix). Default `GE`. */
  country: string;
  /** Whether shipping is taxed at the standard rate. Default `true`. */
  shippingTaxable: boolean;
  /** `woocommerce_tax_round_at_subtotal`. Default `false` (round per line). */
  taxRoundAtSubtotal: boolean;
  /** `woocommerce_manage_stock`. Default `true`. */
  manageStock: boolean;
  /** `woocommerce_notify_no_stock_amount` (out-of-stock threshold). Default 0. */
  outOfStockThreshold: number;
  /** `woocommerce_rest_batch_items_limit`. Default 100. */
  batchLimit: number;
  /**
   * Whether WordPress believes requests arrive over HTTPS (`is_ssl()`). `true` (default):
   * Basic auth and query-string keys are accepted; `false`: only OAuth 1.0a works.
   */
  https: boolean;
  /** The experimental REST API cache feature (ETag, `X-WC-Cache`, 304). Default `false`. */
  restApiCaching: boolean;
  /** `woocommerce_max_webhook_delivery_failures`. Default 5 (disabled on the 7th failure). */
  maxWebhookDeliveryFailures: number;
  /** WooCommerce version reported in orders and webhook user agents. */
  version: string;
  /** WordPress version reported in webhook user agents. */
  wordpressVersion: string;
  /** Payment gateways by id (`bacs`, `cod`, `cheque`, `card`, …). */
  gateways: Record<string, PaymentGatewaySettings>;
  /** Id of the "Uncategorized" default product category. Set when the store is created. */
  defaultCategoryId: number;
}

/**
 * The default settings of a fresh simulated store.
 *
 * @example
 * const settings = defaultWooCommerceSettings();
 * settings.timezone; // 'Asia/Tbilisi'
 */
export function defaultWooCommerceSettings(): WooCommerceSettings {
  return {
    timezone: 'Asia/Tbilisi',
    currency: 'GEL',
    priceDecimals: 2,
    pricesIncludeTax: false,
    calcTaxes: true,
    standardTaxRate: 18,
    taxClassRates: { 'zero-rate': 0 },
    taxLabel: 'VAT',
    country: 'GE',
    shippingTaxable: true,
    taxRoundAtSubtotal: false,
    manageStock: true,
    outOfStockThreshold: 0,
    batchLimit: 100,
    https: true,
    restApiCaching: false,
    maxWebhookDeliveryFailures: 5,
    version: '10.4.3',
    wordpressVersion: '6.9',
    gateways: {
      bacs: { title: 'Direct bank transfer', supportsRefunds: false },
      cheque: { title: 'Check payments', supportsRefunds: false },
      cod: { title: 'Cash on delivery', supportsRefunds: false },
      card: { title: 'Credit Card', supportsRefunds: true },
    },
    defaultCategoryId: 15,
  };
}
