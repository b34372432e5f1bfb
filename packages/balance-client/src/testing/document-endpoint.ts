import { checkCreditPosting } from './credit-posting.js';
import { renderStoredDocument, storeDocument } from './document-store.js';
import {
  type CheckedDocument,
  type DocumentKind,
  validateDocument,
} from './document-validation.js';
import type { EndpointContext } from './endpoint-context.js';
import { errorResponse, jsonResponse, notFoundResponse } from './exchange-responses.js';
import { isGuid } from './seeded-random.js';
import type { StoredDocument } from './simulator-state.js';

/**
 * What a document endpoint did: its response, and whether it stored anything.
 *
 * @example
 * ```ts
 * const { response, wrote } = handleDocumentRequest(request, context);
 * ```
 */
export interface EndpointResult {
  response: Response;
  wrote: boolean;
}

/**
 * A request to a document template (Sale, SalesCredit or a generic one).
 *
 * @example
 * ```ts
 * const request: DocumentRequest = {
 *   kind: 'Sale', template: 'Sale', method: 'PUT', query: new URLSearchParams(), documents: [sale],
 * };
 * ```
 */
export interface DocumentRequest {
  kind: DocumentKind;
  /** Canonical template name, the key of stored documents. */
  template: string;
  method: string;
  query: URLSearchParams;
  /** Parsed JSON array body of a write. */
  documents: readonly unknown[];
}

/**
 * The map a document template is stored in.
 *
 * @example
 * ```ts
 * documentMap(context, 'Sale', 'Sale') === context.state.sales; // true
 * ```
 */
export function documentMap(
  context: EndpointContext,
  kind: DocumentKind,
  template: string,
): Map<string, StoredDocument> {
  if (kind === 'Sale') return context.state.sales;
  if (kind === 'SalesCredit') return context.state.salesCredits;
  let map = context.state.documents.get(template);
  if (!map) {
    map = new Map();
    context.state.documents.set(template, map);
  }
  return map;
}

/**
 * GET / PUT / PATCH / DELETE on a document template. PUT is an upsert by uid; PATCH merges
 * into an existing document; DELETE marks for deletion. A write is all-or-nothing: when any
 * document of the array is invalid, none is stored (400 with every message); posting
 * failures of credit notes answer `postingErrorStatus`.
 *
 * @example
 * ```ts
 * handleDocumentRequest({ kind: 'Sale', template: 'Sale', method: 'GET', query, documents: [] }, context);
 * ```
 */
export function handleDocumentRequest(
  request: DocumentRequest,
  context: EndpointContext,
): EndpointResult {
  const map = documentMap(context, request.kind, request.template);
  switch (request.method) {
    case 'GET':
      return { response: readDocuments(map, request.query), wrote: false };
    case 'PUT':
    case 'PATCH':
      return writeDocuments(map, request, context);
    case 'DELETE':
      return markForDeletion(map, request);
    default:
      return { response: methodNotAllowed(), wrote: false };
  }
}

function readDocuments(map: Map<string, StoredDocument>, query: URLSearchParams): Response {
  const uid = query.get('uid');
  if (uid !== null && uid !== '') {
    const document = map.get(uid.toLowerCase());
    return document ? jsonResponse([renderStoredDocument(document)]) : notFoundResponse();
  }
  return jsonResponse([...map.values()].map(renderStoredDocument));
}

/**
 * The outcome of a document write: the stored documents, or the status and `Error`
 * messages it was refused with.
 *
 * @example
 * ```ts
 * const outcome = upsertDocuments(map, request, context);
 * if (!outcome.ok) outcome.errors;
 * ```
 */
export type UpsertOutcome =
  | { ok: true; saved: StoredDocument[] }
  | { ok: false; status: number; errors: string[] };

/**
 * Validates, posts and stores the documents of a PUT / PATCH, all or nothing. Shared by the
 * HTTP endpoint and `sim.putDocuments`.
 *
 * @example
 * ```ts
 * upsertDocuments(context.state.sales, { kind: 'Sale', template: 'Sale', method: 'PUT', query, documents }, context);
 * ```
 */
export function upsertDocuments(
  map: Map<string, StoredDocument>,
  request: DocumentRequest,
  context: EndpointContext,
): UpsertOutcome {
  const errors: string[] = [];
  const checked: CheckedDocument[] = [];
  for (const [index, raw] of request.documents.entries()) {
    let body = raw;
    if (request.method === 'PATCH') {
      const patch = raw as Record<string, unknown> | null;
      const uid = typeof patch?.uid === 'string' ? patch.uid.toLowerCase() : '';
      const existing = isGuid(uid) ? map.get(uid) : undefined;
      if (!existing) {
        return {
          ok: false,
          status: 404,
          errors: [prefixed(request, index, `uid: document not found: ${String(patch?.uid)}`)],
        };
      }
      body = { ...existing.body, ...patch };
    }
    const check = validateDocument(request.kind, body, context);
    if (check.ok) checked.push(check.document);
    else errors.push(...check.errors.map((message) => prefixed(request, index, message)));
  }
  if (errors.length > 0) return { ok: false, status: 400, errors };
  if (request.kind === 'SalesCredit') {
    const posting = checkCreditPosting(checked, context);
    if (posting.length > 0) {
      return { ok: false, status: context.postingErrorStatus, errors: posting };
    }
  }
  const saved = checked.map((document) => storeDocument(map, request.template, document, context));
  return { ok: true, saved };
}

function writeDocuments(
  map: Map<string, StoredDocument>,
  request: DocumentRequest,
  context: EndpointContext,
): EndpointResult {
  const outcome = upsertDocuments(map, request, context);
  if (!outcome.ok) return { response: errorResponse(outcome.status, outcome.errors), wrote: false };
  return { response: jsonResponse(outcome.saved.map(renderStoredDocument)), wrote: true };
}

function markForDeletion(
  map: Map<string, StoredDocument>,
  request: DocumentRequest,
): EndpointResult {
  const uids = deletionTargets(request);
  if (uids.length === 0) {
    return {
      response: errorResponse(400, ['uid: required to mark a document for deletion']),
      wrote: false,
    };
  }
  const documents = uids.map((uid) => map.get(uid));
  if (documents.some((document) => !document))
    return { response: notFoundResponse(), wrote: false };
  for (const document of documents) if (document) document.deletionMark = true;
  return {
    response: jsonResponse(
      documents.map((document) => renderStoredDocument(document as StoredDocument)),
    ),
    wrote: true,
  };
}

/**
 * uids a DELETE names: `?uid=` or the body's `[{ "uid": … }]`.
 *
 * @example
 * ```ts
 * deletionTargets({ ...request, query: new URLSearchParams('uid=…') }); // ['…']
 * ```
 */
export function deletionTargets(request: Pick<DocumentRequest, 'query' | 'documents'>): string[] {
  const fromQuery = request.query.get('uid');
  if (fromQuery) return [fromQuery.toLowerCase()];
  return request.documents
    .map((raw) => (raw as { uid?: unknown } | null)?.uid)
    .filter((uid): uid is string => typeof uid === 'string' && uid !== '')
    .map((uid) => uid.toLowerCase());
}

/**
 * 405 for a method the template does not support.
 *
 * @example
 * ```ts
 * methodNotAllowed().status; // 405
 * ```
 */
export function methodNotAllowed(): Response {
  return errorResponse(405, ['Method Not Allowed']);
}

function prefixed(request: DocumentRequest, index: number, message: string): string {
  return request.documents.length > 1 ? `[${index}] ${message}` : message;
}
