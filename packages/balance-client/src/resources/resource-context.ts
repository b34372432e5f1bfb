import type { ResolvedClientConfig } from '../client/resolve-options.js';
import { BalanceConfigurationError } from '../errors/balance-configuration-error.js';
import type { Redactor } from '../redaction/redactor.js';
import type { BalanceTransport } from '../transport/transport.js';

/** What every resource needs: a transport and the non-secret settings. */
export interface ResourceContext {
  readonly transport: BalanceTransport;
  readonly redactor: Redactor;
  readonly settings: Pick<
    ResolvedClientConfig,
    'templates' | 'exchangeUid' | 'packSize' | 'clientLookup' | 'documentFieldNames'
  >;
}

/** The configured exchange uid, or a configuration error that says where to find it. */
export function requireExchangeUid(context: ResourceContext, template: string): string {
  const uid = context.settings.exchangeUid;
  if (uid === undefined) {
    throw new BalanceConfigurationError(`${template} needs the exchangeUid option`, {
      issues: [{ path: 'exchangeUid', message: 'required for Stocks and Prices' }],
      hint: 'set `exchangeUid` to the uid of the integration profile (exchange node) configured in Balance under Administration → Data synchronization settings',
    });
  }
  return uid;
}
