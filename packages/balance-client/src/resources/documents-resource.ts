import type { BalanceCallOptions } from '../client/call-options.js';
import { type LooseDocument, looseDocumentSchema } from '../schemas/loose-document.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import type { BalanceQuery } from '../transport/query-string.js';
import { buildDocumentBody } from '../transport/request-body.js';
import type { ResourceContext } from './resource-context.js';
import { DOCUMENT_WRAPPER_KEYS } from './uid-document-resource.js';
import { type BalanceWriteResult, toWriteResult } from './write-result.js';

/**
 * Loosely typed access to any URL template — for objects the public reference cannot
 * confirm (cash income order, bank order, sales order, …). Take the template name and
 * fields from the tenant's in-program "web-service description".
 *
 * @example
 * ```ts
 * const cashIn = balance.documents('CashIncomeOrder'); // name from the tenant's description
 * await cashIn.upsert({ uid: receiptUid, Date: '2025-03-01T12:00:00', Client: clientUid });
 * const rows = await cashIn.list({ uid: receiptUid });
 * ```
 */
export interface DocumentsResource {
  /** The URL template this resource talks to. */
  readonly template: string;
  /** The document with this uid (`GET <template>?uid=`); `undefined` when absent. */
  get(uid: string, call?: BalanceCallOptions): Promise<LooseDocument | undefined>;
  /** Rows of `GET <template>` with the given query (empty values omitted); a 404 is thrown. */
  list(query?: BalanceQuery, call?: BalanceCallOptions): Promise<LooseDocument[]>;
  /**
   * `PUT <template>` with the documents as a JSON array (empty fields omitted). Retried on
   * transient failures only when every document has a non-empty `uid`.
   */
  upsert(
    documents: LooseDocument | readonly LooseDocument[],
    call?: BalanceCallOptions,
  ): Promise<BalanceWriteResult<LooseDocument>>;
}

/** Creates a loosely typed resource for `template`. */
export function createDocumentsResource(
  context: ResourceContext,
  template: string,
): DocumentsResource {
  const read = async (
    query: BalanceQuery | undefined,
    call: BalanceCallOptions | undefined,
    notFound: boolean,
  ) => {
    const response = await context.transport.read({
      method: 'GET',
      template,
      query,
      call,
      acceptStatuses: notFound ? [404] : undefined,
    });
    if (response.status === 404) return [];
    return parseListResponse(response, looseDocumentSchema, {
      redactor: context.redactor,
      what: template,
      wrapperKeys: DOCUMENT_WRAPPER_KEYS,
    });
  };
  return {
    template,
    list: (query, call) => read(query, call, false),
    get: async (uid, call) => {
      const rows = await read([['uid', uid]], call, true);
      return rows.find(
        (row) => typeof row.uid === 'string' && row.uid.toLowerCase() === uid.toLowerCase(),
      );
    },
    upsert: async (documents, call) => {
      const array: readonly LooseDocument[] = Array.isArray(documents)
        ? documents
        : [documents as LooseDocument];
      const body = buildDocumentBody(array, looseDocumentSchema, { template });
      const outcome = await context.transport.write({ method: 'PUT', template, body, call });
      return toWriteResult(outcome, looseDocumentSchema, DOCUMENT_WRAPPER_KEYS);
    },
  };
}
