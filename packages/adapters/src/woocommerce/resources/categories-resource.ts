import type {
  WooBatchResult,
  WooCategory,
  WooCategoryBatch,
  WooCommercePort,
} from '@balance-sync/woo-sync-core';
import { type BatchEndpoint, type BatchItem, runBatch } from '../batch/run-batch.js';
import {
  fromWireCategory,
  toWireCategoryCreate,
  toWireCategoryUpdate,
} from '../mapping/category-mapping.js';
import { CATEGORY_FIELDS, categoryWireSchema } from '../schemas/category-wire.js';
import { validateResponse } from '../schemas/validate-response.js';
import { paginate } from './paginate.js';
import type { WooRestContext } from './woo-rest-context.js';

/** The `categories` half of the port over `/products/categories`. */
export function createCategoriesResource(context: WooRestContext): WooCommercePort['categories'] {
  async function* list(): AsyncGenerator<WooCategory> {
    const pages = paginate(
      context,
      '/products/categories',
      { context: 'edit', _fields: CATEGORY_FIELDS.join(','), orderby: 'id', order: 'asc' },
      categoryWireSchema,
      'category',
      { concurrency: context.concurrency },
    );
    for await (const page of pages) for (const wire of page) yield fromWireCategory(wire);
  }

  const endpoint: BatchEndpoint<WooCategory> = {
    path: '/products/categories/batch',
    parse: (entry, request) =>
      fromWireCategory(validateResponse(categoryWireSchema, entry, 'category', request)),
    // A lost category create is found by name under its parent, the way WordPress decides
    // that a term exists.
    recover: async (creates) => {
      const all: WooCategory[] = [];
      for await (const category of list()) all.push(category);
      const found = new Map<number, WooCategory>();
      for (const item of creates) {
        const name = String(item.wire.name ?? '')
          .trim()
          .toLowerCase();
        const parent = Number(item.wire.parent ?? 0);
        const match = all.find(
          (category) => category.parentId === parent && category.name.trim().toLowerCase() === name,
        );
        if (match && ![...found.values()].includes(match)) found.set(item.index, match);
      }
      return { found, checkable: new Set(creates.map((item) => item.index)) };
    },
  };

  async function batch(input: WooCategoryBatch): Promise<WooBatchResult<WooCategory>> {
    const creates = input.create ?? [];
    const items: BatchItem[] = [
      ...creates.map((draft, index) => ({
        index,
        op: 'create' as const,
        ref: draft.ref,
        id: undefined,
        wire: toWireCategoryCreate(draft),
      })),
      ...(input.update ?? []).map((patch, position) => ({
        index: creates.length + position,
        op: 'update' as const,
        ref: patch.ref,
        id: patch.id,
        wire: toWireCategoryUpdate(patch),
      })),
    ];
    return { outcomes: await runBatch(context, endpoint, items) };
  }

  return { list, batch };
}
