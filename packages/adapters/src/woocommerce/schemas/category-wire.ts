import { z } from 'zod';
import { wireId, wireOptionalInt, wireText } from './wire-primitives.js';

/** The category fields the adapter asks for with `_fields`. */
export const CATEGORY_FIELDS = ['id', 'name', 'slug', 'parent'] as const;

/** A product category as WooCommerce sends it. */
export const categoryWireSchema = z.object({
  id: wireId,
  name: wireText.default(''),
  slug: wireText.default(''),
  parent: wireOptionalInt.default(0),
});

/** Output of {@link categoryWireSchema}. */
export type CategoryWire = z.output<typeof categoryWireSchema>;
