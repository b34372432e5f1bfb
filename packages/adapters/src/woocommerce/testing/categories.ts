/**
 * Product categories (`product_cat` terms): `wp_insert_term` / `wp_update_term` rules and the
 * REST rendering.
 *
 * Internal module.
 */
import { WooRestError } from './errors.js';
import { ksesPost, phpToInt, phpToString, sanitizeTitle, wcClean } from './php.js';
import type { CategoryRecord, ProductRecord } from './store-state.js';
import type { WooStore } from './woo-store.js';

/** REST-shaped category parameters. */
export type CategoryParams = Record<string, unknown>;

/** Term names are stored HTML-escaped (`Food & Drink` → `Food &amp; Drink`), as WordPress does. */
export function sanitizeTermName(value: unknown): string {
  return wcClean(value).replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');
}

function findByName(store: WooStore, name: string): CategoryRecord | undefined {
  const lower = name.toLowerCase();
  let caseInsensitive: CategoryRecord | undefined;
  for (const c of store.state.categories.values()) {
    if (c.name === name) return c;
    if (!caseInsensitive && c.name.toLowerCase() === lower) caseInsensitive = c;
  }
  return caseInsensitive;
}

function findBySlug(store: WooStore, slug: string, exceptId = 0): CategoryRecord | undefined {
  for (const c of store.state.categories.values()) {
    if (c.slug === slug && c.id !== exceptId) return c;
  }
  return undefined;
}

/** `wp_unique_term_slug`: parent slugs appended for children, then `-2`, `-3`, … */
export function uniqueTermSlug(store: WooStore, slug: string, parent: number, selfId = 0): string {
  if (!findBySlug(store, slug, selfId)) return slug;
  let parentSuffix = '';
  let current = parent;
  while (current) {
    const p = store.state.categories.get(current);
    if (!p) break;
    parentSuffix += `-${p.slug}`;
    if (!findBySlug(store, slug + parentSuffix, selfId)) break;
    if (!p.parent) break;
    current = p.parent;
  }
  let candidate = slug + parentSuffix;
  if (findBySlug(store, candidate, selfId)) {
    let n = 2;
    let alt: string;
    do {
      alt = `${candidate}-${n}`;
      n++;
    } while (findBySlug(store, alt, selfId));
    candidate = alt;
  }
  return candidate;
}

function applyTermMeta(category: CategoryRecord, params: CategoryParams): void {
  if (params.display !== undefined && params.display !== null) {
    const d = phpToString(params.display);
    category.display = ['default', 'products', 'subcategories', 'both'].includes(d) ? d : 'default';
  }
  if (params.menu_order !== undefined && params.menu_order !== null)
    category.menuOrder = phpToInt(params.menu_order);
  if (params.image !== undefined) {
    const img = params.image;
    if (img === null || (typeof img === 'object' && Object.keys(img).length === 0)) {
      category.image = null;
    } else if (typeof img === 'object') {
      const i = img as Record<string, unknown>;
      category.image = {
        id: phpToInt(i.id),
        src: phpToString(i.src),
        name: phpToString(i.name),
        alt: phpToString(i.alt),
      };
    }
  }
}

/**
 * `POST /products/categories` (terms controller `create_item` + `wp_insert_term`). Errors are
 * rewrapped with `status: 400`, `term_exists` adds `resource_id`.
 */
export function createCategory(store: WooStore, params: CategoryParams): CategoryRecord {
  const fail = (code: string, message: string, extra: Record<string, unknown> = {}): never => {
    throw new WooRestError(code, message, { status: 400, ...extra });
  };
  const name = sanitizeTermName(params.name);
  if (name.trim() === '') fail('empty_term_name', 'A name is required for this term.');
  const parent =
    params.parent === undefined || params.parent === null ? 0 : phpToInt(params.parent);
  if (parent > 0 && !store.state.categories.has(parent))
    fail('missing_parent', 'Parent term does not exist.');
  const slugProvided =
    typeof params.slug === 'string'
      ? params.slug !== ''
      : params.slug !== undefined && params.slug !== null;
  let slug = sanitizeTitle(slugProvided ? phpToString(params.slug) : name);
  const nameMatch = findByName(store, name);
  if (nameMatch) {
    const slugMatch = findBySlug(store, slug);
    if (!slugProvided || nameMatch.slug === slug || slugMatch) {
      const siblings = [...store.state.categories.values()].filter((c) => c.parent === parent);
      let existing: CategoryRecord | undefined;
      if ((!slugProvided || nameMatch.slug === slug) && siblings.some((s) => s.name === name)) {
        existing = nameMatch;
      } else if (slugMatch && siblings.some((s) => s.slug === slug)) {
        existing = slugMatch;
      } else if (siblings.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
        existing = siblings.find((s) => s.name.toLowerCase() === name.toLowerCase());
      }
      if (existing) {
        fail('term_exists', 'A term with the name provided already exists with this parent.', {
          resource_id: existing.id,
        });
      }
    }
  }
  if (slug === '') slug = String(store.state.allocateTermId());
  slug = uniqueTermSlug(store, slug, parent);
  const category: CategoryRecord = {
    id: store.state.allocateTermId(),
    name,
    slug,
    parent,
    description:
      params.description === undefined || params.description === null
        ? ''
        : ksesPost(params.description),
    display: 'default',
    image: null,
    menuOrder: 0,
  };
  applyTermMeta(category, params);
  store.state.categories.set(category.id, category);
  store.state.touchCatalog();
  return category;
}

/**
 * `PUT /products/categories/{id}` (`wp_update_term`). A slug taken by another term fails with
 * `duplicate_term_slug` and **no** status (HTTP 500), as in WordPress.
 */
export function updateCategory(
  store: WooStore,
  existing: CategoryRecord,
  params: CategoryParams,
): CategoryRecord {
  const category = structuredClone(existing);
  let parentChanged = false;
  if (params.parent !== undefined && params.parent !== null) {
    const parentId = phpToInt(params.parent);
    if (parentId !== 0 && !store.state.categories.has(parentId)) {
      throw new WooRestError('woocommerce_rest_term_invalid', 'Parent resource does not exist.', {
        status: 400,
      });
    }
    parentChanged = parentId !== category.parent;
    category.parent = parentId;
  }
  const touchesTerm =
    params.name !== undefined ||
    params.slug !== undefined ||
    params.description !== undefined ||
    parentChanged;
  if (touchesTerm) {
    if (params.name !== undefined && params.name !== null)
      category.name = sanitizeTermName(params.name);
    if (category.name.trim() === '') {
      throw new WooRestError('empty_term_name', 'A name is required for this term.');
    }
    if (params.description !== undefined && params.description !== null) {
      category.description = ksesPost(params.description);
    }
    let emptySlug = false;
    if (params.slug !== undefined && params.slug !== null) {
      const s = phpToString(params.slug);
      if (s === '') {
        emptySlug = true;
        category.slug = sanitizeTitle(category.name);
      } else {
        category.slug = sanitizeTitle(s);
      }
    }
    const duplicate = findBySlug(store, category.slug, category.id);
    if (duplicate) {
      if (emptySlug || parentChanged) {
        category.slug = uniqueTermSlug(store, category.slug, category.parent, category.id);
      } else {
        throw new WooRestError(
          'duplicate_term_slug',
          `The slug &#8220;${category.slug}&#8221; is already in use by another term.`,
        );
      }
    }
  }
  applyTermMeta(category, params);
  store.state.categories.set(category.id, category);
  store.state.touchCatalog();
  return category;
}

/**
 * Deletes a category: its children move to its parent, and products left without a category
 * get the default one.
 */
export function deleteCategory(store: WooStore, category: CategoryRecord): void {
  for (const c of store.state.categories.values()) {
    if (c.parent === category.id) c.parent = category.parent;
  }
  store.state.categories.delete(category.id);
  for (const p of store.state.products.values()) {
    if (p.categoryIds.includes(category.id)) {
      p.categoryIds = p.categoryIds.filter((id) => id !== category.id);
      if (p.categoryIds.length === 0 && p.type !== 'variation') {
        p.categoryIds = [store.settings.defaultCategoryId];
      }
    }
  }
  store.state.touchCatalog();
}

const countsCache = new WeakMap<WooStore, { version: number; counts: Map<number, number> }>();

/** Published products per category (`count`). */
export function categoryCounts(store: WooStore): Map<number, number> {
  const cached = countsCache.get(store);
  if (cached && cached.version === store.state.catalogVersion) return cached.counts;
  const counts = new Map<number, number>();
  for (const p of store.state.products.values()) {
    if (p.type === 'variation' || p.status !== 'publish') continue;
    for (const id of p.categoryIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  countsCache.set(store, { version: store.state.catalogVersion, counts });
  return counts;
}

/** A category as `GET /products/categories/{id}` returns it. */
export function categoryToJson(store: WooStore, c: CategoryRecord): Record<string, unknown> {
  const links: Record<string, { href: string }[]> = {
    self: [{ href: store.restUrl(`/wc/v3/products/categories/${c.id}`) }],
    collection: [{ href: store.restUrl('/wc/v3/products/categories') }],
  };
  if (c.parent) links.up = [{ href: store.restUrl(`/wc/v3/products/categories/${c.parent}`) }];
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    parent: c.parent,
    description: c.description,
    display: c.display,
    image: c.image ? { ...c.image } : null,
    menu_order: c.menuOrder,
    count: categoryCounts(store).get(c.id) ?? 0,
    _links: links,
  };
}

/** Whether a product is in a category (directly). */
export function productInCategory(p: ProductRecord, categoryId: number): boolean {
  return p.categoryIds.includes(categoryId);
}
