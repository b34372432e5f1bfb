import { z } from 'zod';

/** Any JSON object; used by the `documents(template)` escape hatch. */
export const looseDocumentSchema = z.looseObject({});

/**
 * A document of a template the client has no typed model for (e.g. a tenant's cash income
 * order or bank order): any JSON object. Give it a `uid` to make its PUT retry-safe.
 *
 * @example
 * ```ts
 * const order: LooseDocument = { uid: receiptUid, Date: '2025-03-01T12:00:00', Amount: '30.00' };
 * ```
 *
 * @interface
 */
export type LooseDocument = z.output<typeof looseDocumentSchema>;
