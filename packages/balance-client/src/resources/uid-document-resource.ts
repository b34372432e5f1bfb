import type { z } from 'zod';
import type { BalanceCallOptions } from '../client/call-options.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import { buildDocumentBody, type DocumentFieldRenames } from '../transport/request-body.js';
import type { ResourceContext } from './resource-context.js';
import { type BalanceWriteResult, toWriteResult } from './write-result.js';

/** In document responses `Items` is the table of lines, never a list wrapper. */
export const DOCUMENT_WRAPPER_KEYS: readonly string[] = ['Source', 'value', 'data'];

/** A typed document resource: read by uid, upsert with PUT and a client-side uid. */
export interface UidDocumentResource<Read, Input> {
  get(uid: string, call?: BalanceCallOptions): Promise<Read | undefined>;
  upsert(document: Input, call?: BalanceCallOptions): Promise<BalanceWriteResult<Read>>;
}

/**
 * The read-by-uid and PUT-upsert pair shared by the typed document resources (Sale,
 * SalesCredit). The template and the wire renames are read on every call, so a segment or
 * template learnt at run time applies at once.
 */
export function createUidDocumentResource<Read extends { uid: string }, Input>(
  context: ResourceContext,
  spec: {
    readonly template: () => string;
    readonly schema: z.ZodType<Read>;
    readonly inputSchema: z.ZodType;
    readonly renames: () => DocumentFieldRenames | undefined;
  },
): UidDocumentResource<Read, Input> {
  return {
    get: async (uid, call) => {
      const template = spec.template();
      const response = await context.transport.read({
        method: 'GET',
        template,
        query: [['uid', uid]],
        call,
        acceptStatuses: [404],
      });
      if (response.status === 404) return undefined;
      const rows = parseListResponse(response, spec.schema, {
        redactor: context.redactor,
        what: `${template}?uid`,
        wrapperKeys: DOCUMENT_WRAPPER_KEYS,
      });
      return rows.find((row) => row.uid.toLowerCase() === uid.toLowerCase());
    },
    upsert: async (document, call) => {
      const template = spec.template();
      const body = buildDocumentBody([document], spec.inputSchema, {
        template,
        renames: spec.renames(),
      });
      const outcome = await context.transport.write({ method: 'PUT', template, body, call });
      return toWriteResult(outcome, spec.schema, DOCUMENT_WRAPPER_KEYS);
    },
  };
}
