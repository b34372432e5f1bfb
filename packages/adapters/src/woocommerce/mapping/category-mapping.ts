import type { WooCategory, WooCategoryDraft, WooCategoryPatch } from '@balance-sync/woo-sync-core';
import type { CategoryWire } from '../schemas/category-wire.js';

/** WooCommerce JSON → port category. */
export function fromWireCategory(wire: CategoryWire): WooCategory {
  return { id: wire.id, name: wire.name, slug: wire.slug, parentId: wire.parent };
}

/** A port category create → WooCommerce JSON. */
export function toWireCategoryCreate(draft: WooCategoryDraft): Record<string, unknown> {
  return {
    name: draft.name,
    ...(draft.parentId === undefined ? {} : { parent: draft.parentId }),
    ...(draft.slug === undefined ? {} : { slug: draft.slug }),
  };
}

/** A port category update → WooCommerce JSON. */
export function toWireCategoryUpdate(patch: WooCategoryPatch): Record<string, unknown> {
  return {
    id: patch.id,
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.parentId === undefined ? {} : { parent: patch.parentId }),
  };
}
