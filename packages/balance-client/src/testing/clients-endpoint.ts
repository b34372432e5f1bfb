import { deletionTargets, type EndpointResult, methodNotAllowed } from './document-endpoint.js';
import type { EndpointContext } from './endpoint-context.js';
import { errorResponse, jsonResponse, notFoundResponse } from './exchange-responses.js';
import { isEmptyReference } from './reference-resolver.js';
import { isGuid } from './seeded-random.js';
import type { SimClient } from './simulator-state.js';
import { renderClient } from './wire-format.js';

const NAME_MAX = 150;
const ID_MAX = 50;

/**
 * The `Clients` catalog: GET (all, `?uid=`, `?Name=`, `?ID=`; a lookup that matches
 * nothing answers 404 "Not Found"), POST (create; an empty uid gets a new one), PUT (upsert
 * by uid; an empty uid creates), PATCH (merge into an existing client) and DELETE (mark for
 * deletion). `Name` (≤ 150) and `ID` (≤ 50) are required, as the official table says.
 *
 * @example
 * ```ts
 * handleClientsRequest('GET', new URLSearchParams('Name=ნინო ბერიძე'), [], context);
 * ```
 */
export function handleClientsRequest(
  method: string,
  query: URLSearchParams,
  documents: readonly unknown[],
  context: EndpointContext,
): EndpointResult {
  const clients = context.state.clients;
  const render = (client: SimClient) => renderClient(client, context.format);
  switch (method) {
    case 'GET': {
      const uid = query.get('uid');
      const name = query.get('Name');
      const id = query.get('ID');
      let rows = [...clients.values()];
      if (uid) rows = rows.filter((client) => client.uid === uid.toLowerCase());
      if (name !== null) rows = rows.filter((client) => client.Name === name);
      if (id !== null) rows = rows.filter((client) => client.ID === id);
      const lookup = Boolean(uid) || name !== null || id !== null;
      if (lookup && rows.length === 0) return { response: notFoundResponse(), wrote: false };
      return { response: jsonResponse(rows.map(render)), wrote: false };
    }
    case 'POST':
    case 'PUT':
    case 'PATCH': {
      const errors: string[] = [];
      const prepared: SimClient[] = [];
      for (const [index, raw] of documents.entries()) {
        const at = documents.length > 1 ? `[${index}] ` : '';
        const result = prepareClient(method, raw, context);
        if (typeof result === 'string') {
          if (result === 'not-found') {
            return { response: errorResponse(404, [`${at}uid: client not found`]), wrote: false };
          }
          errors.push(`${at}${result}`);
        } else if (Array.isArray(result)) {
          errors.push(...result.map((message) => `${at}${message}`));
        } else {
          prepared.push(result);
        }
      }
      if (errors.length > 0) return { response: errorResponse(400, errors), wrote: false };
      for (const client of prepared) clients.set(client.uid, client);
      return { response: jsonResponse(prepared.map(render)), wrote: true };
    }
    case 'DELETE': {
      const uids = deletionTargets({ query, documents });
      const found = uids.map((uid) => clients.get(uid));
      if (uids.length === 0 || found.some((client) => !client)) {
        return { response: notFoundResponse(), wrote: false };
      }
      for (const client of found) if (client) client.DeletionMark = true;
      return {
        response: jsonResponse(found.map((client) => render(client as SimClient))),
        wrote: true,
      };
    }
    default:
      return { response: methodNotAllowed(), wrote: false };
  }
}

/** A client ready to store, validation messages, or `'not-found'` for PATCH. */
function prepareClient(
  method: string,
  raw: unknown,
  context: EndpointContext,
): SimClient | string[] | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return 'Expected a JSON object for each client of the array';
  }
  let input = raw as Record<string, unknown>;
  const clients = context.state.clients;
  const givenUid = input.uid;
  if (!isEmptyReference(givenUid) && !isGuid(givenUid)) {
    return `uid: "${String(givenUid)}" is not a valid unique identifier`;
  }
  const uid = isGuid(givenUid) ? givenUid.toLowerCase() : undefined;
  if (method === 'PATCH') {
    const existing = uid ? clients.get(uid) : undefined;
    if (!existing) return uid ? 'not-found' : 'uid: required with PATCH';
    input = { ...existing, ...input };
  }
  if (method === 'POST' && uid && clients.has(uid)) {
    return `uid: client ${uid} already exists (use PUT to update)`;
  }
  const errors: string[] = [];
  if (typeof input.Name !== 'string' || input.Name.trim() === '') {
    errors.push('Name: დასახელება არ არის მითითებული');
  } else if (input.Name.length > NAME_MAX) {
    errors.push(`Name: longer than ${NAME_MAX} characters`);
  }
  if (typeof input.ID !== 'string' || input.ID.trim() === '') {
    errors.push('ID: საიდენტიფიკაციო ნომერი არ არის მითითებული');
  } else if (input.ID.length > ID_MAX) {
    errors.push(`ID: longer than ${ID_MAX} characters`);
  }
  if (errors.length > 0) return errors;
  return {
    ...input,
    uid: uid ?? context.newGuid('client'),
    Name: input.Name as string,
    ID: input.ID as string,
  };
}
