/**
 * REST v3 rendering of products and variations (`get_product_data`, variation
 * `prepare_object_for_response`).
 *
 * Internal module.
 */
import { formatGmt } from './dates.js';
import { metaToJson } from './meta-data.js';
import { phpToFloat, wpautop } from './php.js';
import { isOnSale } from './product-rules.js';
import type { ProductRecord } from './store-state.js';
import type { WooStore } from './woo-store.js';

/**
 * `context` of a read: `view` (display filters applied) or `edit` (stored values).
 *
 * @example
 * sim.read.product(42, 'edit');
 */
export type RestContext = 'view' | 'edit';

function date(store: WooStore, value: number | null): string | null {
  return value === null ? null : store.tz.formatLocal(value);
}

function dateGmt(value: number | null): string | null {
  return value === null ? null : formatGmt(value);
}

/** WooCommerce's currency symbols for the currencies a Georgian store meets. */
export function currencySymbol(currency: string): string {
  const symbols: Record<string, string> = { GEL: '₾', USD: '$', EUR: '€', GBP: '£', TRY: '₺' };
  return symbols[currency] ?? currency;
}

function priceHtml(store: WooStore, p: ProductRecord, now: number): string {
  if (p.price === '') return '';
  const dp = store.settings.priceDecimals;
  const symbol = currencySymbol(store.settings.currency);
  const amount = (v: string): string =>
    `<span class="woocommerce-Price-amount amount"><bdi>${phpToFloat(v).toFixed(dp)}&nbsp;<span class="woocommerce-Price-currencySymbol">${symbol}</span></bdi></span>`;
  if (isOnSale(p, now) && p.regularPrice !== '') {
    return `<del aria-hidden="true">${amount(p.regularPrice)}</del> <ins aria-hidden="true">${amount(p.salePrice)}</ins>`;
  }
  return amount(p.price);
}

function images(store: WooStore, p: ProductRecord): Record<string, unknown>[] {
  return p.images.map((img) => ({
    id: img.id,
    date_created: date(store, p.dateCreated),
    date_created_gmt: dateGmt(p.dateCreated),
    date_modified: date(store, p.dateModified),
    date_modified_gmt: dateGmt(p.dateModified),
    src: img.src,
    name: img.name,
    alt: img.alt,
  }));
}

function categoryRefs(
  store: WooStore,
  p: ProductRecord,
): { id: number; name: string; slug: string }[] {
  const source =
    p.type === 'variation'
      ? (store.state.products.get(p.parentId)?.categoryIds ?? [])
      : p.categoryIds;
  const out: { id: number; name: string; slug: string }[] = [];
  for (const id of source) {
    const c = store.state.categories.get(id);
    if (c) out.push({ id: c.id, name: c.name, slug: c.slug });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

function permalink(store: WooStore, p: ProductRecord): string {
  if (p.type === 'variation') return `${store.siteUrl}/?post_type=product_variation&p=${p.id}`;
  if (p.status === 'publish' && p.slug !== '') return `${store.siteUrl}/product/${p.slug}/`;
  return `${store.siteUrl}/?post_type=product&p=${p.id}`;
}

/** `_links` of a product. */
export function productLinks(
  store: WooStore,
  p: ProductRecord,
): Record<string, { href: string }[]> {
  const links: Record<string, { href: string }[]> = {
    self: [{ href: store.restUrl(`/wc/v3/products/${p.id}`) }],
    collection: [{ href: store.restUrl('/wc/v3/products') }],
  };
  if (p.parentId > 0) links.up = [{ href: store.restUrl(`/wc/v3/products/${p.parentId}`) }];
  return links;
}

function purchasable(p: ProductRecord): boolean {
  if (p.type === 'external' || p.type === 'grouped') return p.type === 'external' && p.price !== '';
  return (p.status === 'publish' || p.status === 'private') && p.price !== '';
}

/**
 * A product (or a variation read through `/products`) as `GET /products/{id}` returns it.
 */
export function productToJson(
  store: WooStore,
  p: ProductRecord,
  context: RestContext,
): Record<string, unknown> {
  const now = store.nowSec();
  const view = context === 'view';
  const onSale = isOnSale(p, now);
  const managing = p.manageStock;
  const json: Record<string, unknown> = {
    id: p.id,
    name: p.name,
    slug: p.slug,
    permalink: permalink(store, p),
    date_created: date(store, p.dateCreated),
    date_created_gmt: dateGmt(p.dateCreated),
    date_modified: date(store, p.dateModified),
    date_modified_gmt: dateGmt(p.dateModified),
    type: p.type,
    status: p.status,
    featured: p.featured,
    catalog_visibility: p.catalogVisibility,
    description: view ? wpautop(p.description) : p.description,
    short_description: view ? wpautop(p.shortDescription) : p.shortDescription,
    sku: p.sku,
    price: p.price,
    regular_price: p.regularPrice,
    sale_price: p.salePrice,
    date_on_sale_from: date(store, p.dateOnSaleFrom),
    date_on_sale_from_gmt: dateGmt(p.dateOnSaleFrom),
    date_on_sale_to: date(store, p.dateOnSaleTo),
    date_on_sale_to_gmt: dateGmt(p.dateOnSaleTo),
    on_sale: onSale,
    purchasable: purchasable(p),
    total_sales: p.totalSales,
    virtual: p.virtual,
    downloadable: p.downloadable,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    external_url: p.externalUrl,
    button_text: p.buttonText,
    tax_status: p.taxStatus,
    tax_class: p.taxClass,
    manage_stock: managing,
    stock_quantity: managing ? p.stockQuantity : null,
    backorders: p.backorders,
    backorders_allowed: p.backorders !== 'no',
    backordered: managing && (p.stockQuantity ?? 0) <= 0 && p.backorders !== 'no',
    low_stock_amount: p.lowStockAmount,
    sold_individually: p.soldIndividually,
    weight: p.weight,
    dimensions: { ...p.dimensions },
    shipping_required: !p.virtual,
    shipping_taxable: !p.virtual && (p.taxStatus === 'taxable' || p.taxStatus === 'shipping'),
    shipping_class: p.shippingClass,
    shipping_class_id: 0,
    reviews_allowed: p.reviewsAllowed,
    average_rating: '0.00',
    rating_count: 0,
    upsell_ids: [...p.upsellIds],
    cross_sell_ids: [...p.crossSellIds],
    parent_id: p.parentId,
    purchase_note: view ? wpautop(p.purchaseNote) : p.purchaseNote,
    categories: categoryRefs(store, p),
    brands: [],
    tags: [],
    images: images(store, p),
    attributes: structuredClone(p.attributes),
    default_attributes: structuredClone(p.defaultAttributes),
    variations: p.type === 'variable' ? store.state.childIdsOf(p.id) : [],
    grouped_products: [...p.groupedProducts],
    menu_order: p.menuOrder,
    price_html: priceHtml(store, p, now),
    related_ids: [],
    meta_data: metaToJson(p.meta),
    stock_status: p.stockStatus,
    has_options: p.type === 'variable',
    post_password: '',
    global_unique_id: p.globalUniqueId,
  };
  if (!view) {
    json.permalink_template = `${store.siteUrl}/product/%pagename%/`;
    json.generated_slug = p.slug;
  }
  json._links = productLinks(store, p);
  return json;
}

/** A variation as `GET /products/{id}/variations/{vid}` returns it. */
export function variationToJson(
  store: WooStore,
  v: ProductRecord,
  context: RestContext,
): Record<string, unknown> {
  const now = store.nowSec();
  const managing = v.manageStock;
  const image = v.images[0];
  return {
    id: v.id,
    type: 'variation',
    date_created: date(store, v.dateCreated),
    date_created_gmt: dateGmt(v.dateCreated),
    date_modified: date(store, v.dateModified),
    date_modified_gmt: dateGmt(v.dateModified),
    description: context === 'view' ? wpautop(v.description) : v.description,
    permalink: permalink(store, v),
    sku: v.sku,
    global_unique_id: v.globalUniqueId,
    price: v.price,
    regular_price: v.regularPrice,
    sale_price: v.salePrice,
    date_on_sale_from: date(store, v.dateOnSaleFrom),
    date_on_sale_from_gmt: dateGmt(v.dateOnSaleFrom),
    date_on_sale_to: date(store, v.dateOnSaleTo),
    date_on_sale_to_gmt: dateGmt(v.dateOnSaleTo),
    on_sale: isOnSale(v, now),
    status: v.status,
    purchasable: purchasable(v),
    virtual: v.virtual,
    downloadable: v.downloadable,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    tax_status: v.taxStatus,
    tax_class: v.taxClass,
    manage_stock: managing,
    stock_quantity: managing ? v.stockQuantity : null,
    stock_status: v.stockStatus,
    backorders: v.backorders,
    backorders_allowed: v.backorders !== 'no',
    backordered: managing && (v.stockQuantity ?? 0) <= 0 && v.backorders !== 'no',
    low_stock_amount: v.lowStockAmount,
    weight: v.weight,
    dimensions: { ...v.dimensions },
    shipping_class: v.shippingClass,
    shipping_class_id: 0,
    image: image
      ? {
          id: image.id,
          date_created: date(store, v.dateCreated),
          date_created_gmt: dateGmt(v.dateCreated),
          date_modified: date(store, v.dateModified),
          date_modified_gmt: dateGmt(v.dateModified),
          src: image.src,
          name: image.name,
          alt: image.alt,
        }
      : null,
    attributes: structuredClone(v.attributes),
    menu_order: v.menuOrder,
    meta_data: metaToJson(v.meta),
    name: v.name,
    parent_id: v.parentId,
    _links: {
      self: [{ href: store.restUrl(`/wc/v3/products/${v.parentId}/variations/${v.id}`) }],
      collection: [{ href: store.restUrl(`/wc/v3/products/${v.parentId}/variations`) }],
      up: [{ href: store.restUrl(`/wc/v3/products/${v.parentId}`) }],
    },
  };
}
