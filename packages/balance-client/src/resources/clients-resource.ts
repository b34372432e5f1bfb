import type { BalanceCallOptions } from '../client/call-options.js';
import {
  type BalanceClientInput,
  type BalanceClientRecord,
  clientInputSchema,
  clientRecordSchema,
} from '../schemas/client-record.js';
import { LIST_WRAPPER_KEYS } from '../schemas/list-payload.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import type { BalanceQuery } from '../transport/query-string.js';
import { buildDocumentBody } from '../transport/request-body.js';
import type { ResourceContext } from './resource-context.js';
import { type BalanceWriteResult, toWriteResult } from './write-result.js';

/**
 * Customers (Clients).
 *
 * @example
 * ```ts
 * const [existing] = await balance.clients.findById('01001012345');
 * if (!existing) {
 *   await balance.clients.upsert({ uid: clientUid, Name: 'Nino Beridze', ID: '01001012345' });
 * }
 * ```
 */
export interface ClientsResource {
  /**
   * Customers matching a name (`GET Clients?Name=`). Balance answers 404 "Not Found" when
   * nothing matches; that is returned as `[]`, not thrown.
   */
  findByName(name: string, call?: BalanceCallOptions): Promise<BalanceClientRecord[]>;
  /**
   * Customers whose `ID` (tax / personal number) equals `idNumber`. Sends
   * `GET Clients?<idQueryParameter>=<idNumber>` (default `ID`; unconfirmed by the docs) and
   * keeps only exact `ID` matches, so a publication that ignores the filter cannot return
   * wrong customers. With `clientLookup.fallbackToFullList`, reads the whole list when the
   * filtered call finds nothing.
   */
  findById(idNumber: string, call?: BalanceCallOptions): Promise<BalanceClientRecord[]>;
  /**
   * Creates or updates a customer with `PUT Clients` (JSON array of one). With a `uid` the
   * call is an idempotent upsert and is retried on transient failures; without one Balance
   * generates the uid and the call is made once.
   */
  upsert(
    client: BalanceClientInput,
    call?: BalanceCallOptions,
  ): Promise<BalanceWriteResult<BalanceClientRecord>>;
}

/** Creates the Clients resource. */
export function createClientsResource(context: ResourceContext): ClientsResource {
  const template = () => context.settings.templates.clients;
  const query = async (filter: BalanceQuery | undefined, call?: BalanceCallOptions) => {
    const response = await context.transport.read({
      method: 'GET',
      template: template(),
      query: filter,
      call,
      acceptStatuses: filter === undefined ? undefined : [404],
    });
    if (response.status === 404) return [];
    return parseListResponse(response, clientRecordSchema, {
      redactor: context.redactor,
      what: template(),
    });
  };
  const sameId = (idNumber: string) => (row: BalanceClientRecord) =>
    row.ID?.trim() === idNumber.trim();
  return {
    findByName: (name, call) => query([['Name', name]], call),
    findById: async (idNumber, call) => {
      const { idQueryParameter, fallbackToFullList } = context.settings.clientLookup;
      if (idQueryParameter !== false) {
        const matches = (await query([[idQueryParameter, idNumber]], call)).filter(
          sameId(idNumber),
        );
        if (matches.length > 0 || !fallbackToFullList) return matches;
      }
      if (!fallbackToFullList) return [];
      return (await query(undefined, call)).filter(sameId(idNumber));
    },
    upsert: async (client, call) => {
      const body = buildDocumentBody([client], clientInputSchema, { template: template() });
      const outcome = await context.transport.write({
        method: 'PUT',
        template: template(),
        body,
        call,
      });
      return toWriteResult(outcome, clientRecordSchema, LIST_WRAPPER_KEYS);
    },
  };
}
