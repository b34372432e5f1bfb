import { z } from 'zod';
import { wireOptionalInt, wireText } from './wire-primitives.js';

/** A failed batch entry: `{ id, error: { code, message, data: { status, … } } }`. */
export const batchErrorEntrySchema = z.object({
  id: wireOptionalInt.default(0),
  error: z.object({
    code: wireText.default('unknown_error'),
    message: wireText.default(''),
    data: z.unknown().optional(),
  }),
});

/** Output of {@link batchErrorEntrySchema}. */
export type BatchErrorEntry = z.output<typeof batchErrorEntrySchema>;

/** The envelope of a batch response; entries are validated one by one afterwards. */
export const batchResponseSchema = z.object({
  create: z.array(z.unknown()).optional(),
  update: z.array(z.unknown()).optional(),
});
