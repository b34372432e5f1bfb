import { clientKey, documentUid } from '../identity/document-keys.js';
import { storeNamespace } from '../identity/store-namespace.js';
import type { WooAddress, WooOrder } from '../ports/woocommerce-port.js';
import type { ClientDocument } from './balance-documents.js';
import { BUILDER_LITERALS } from './balance-literals.js';
import type { BuildFailure } from './build-issue.js';
import { IssueCollector } from './issue-scope.js';
import type { OrderExportConfig } from './order-export-config.js';

/**
 * Who an order is sold to in Balance:
 * - `retail`: the configured retail client (anonymous B2C, or an order without an ID);
 * - `individual` / `company`: a customer of its own, found or created by ID number.
 *
 * @example
 * ```ts
 * const identity: CustomerIdentity = { kind: 'retail', client: retailClientUid };
 * ```
 */
export type CustomerIdentity =
  | { readonly kind: 'retail'; readonly client: string }
  | {
      readonly kind: 'individual' | 'company';
      /** Personal number (11 digits) or company identification code, spaces removed. */
      readonly idNumber: string;
      /** Cache key in `SyncStore.customers`: `personal:<id>` or `company:<id>`. */
      readonly lookupKey: string;
      /** Ledger key `client:<id>`, the name of the deterministic uid. */
      readonly key: string;
      /** UUIDv5 of the store namespace and `key`: the uid the SDK creates the client with. */
      readonly uid: string;
      /** The `Clients` upsert body, used when Balance has no client with this ID yet. */
      readonly document: ClientDocument;
    };

/**
 * The outcome of {@link identifyCustomer}.
 *
 * @example
 * ```ts
 * const result: CustomerIdentityResult = identifyCustomer(order, config);
 * ```
 */
export type CustomerIdentityResult =
  | { readonly ok: true; readonly identity: CustomerIdentity }
  | BuildFailure;

/**
 * Whether `value` is a Georgian personal number: exactly 11 digits.
 *
 * @example
 * ```ts
 * isValidPersonalNumber('01001012345'); // true
 * isValidPersonalNumber('0100101234');  // false (10 digits)
 * ```
 */
export function isValidPersonalNumber(value: string): boolean {
  return /^\d{11}$/.test(value);
}

const COMPANY_ID_PATTERN = /^[0-9A-Za-z-]{2,50}$/;

function metaText(order: WooOrder, key: string | undefined): string | undefined {
  if (!key) return undefined;
  for (const meta of order.meta) {
    if (meta.key !== key) continue;
    const value =
      typeof meta.value === 'string'
        ? meta.value
        : typeof meta.value === 'number' && Number.isSafeInteger(meta.value)
          ? String(meta.value)
          : '';
    const text = value.replace(/\s+/g, '');
    if (text !== '') return text;
  }
  return undefined;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

function addressText(address: WooAddress): string {
  return [
    address.address1,
    address.address2,
    address.city,
    address.state,
    address.postcode,
    address.country,
  ]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(', ');
}

/**
 * Decides who an order is sold to, following `orders.customer`:
 *
 * - `retail` policy: always the retail client;
 * - `per-customer` policy: the company ID (meta `companyIdMetaKey`) wins when present,
 *   else the personal number (meta `personalIdMetaKey`, must be 11 digits), else the retail
 *   client. Spaces inside the IDs are ignored. An invalid ID is an issue to fix, not a
 *   silent fallback, so the Sale is never booked to the wrong customer.
 *
 * For a customer of its own the result carries the deterministic client uid (UUIDv5 of
 * `client:<id>`) and the `Clients` body: `Name` / `FullName` from the billing name (or
 * company), `ID`, `LegalForm` (natural person or LLC), `VATType` "not a VAT payer" for
 * individuals, `Group` from `clientGroup`, e-mail, phone and the billing address
 * (`PhysicalAddress` for individuals, `LegalAddress` for companies), and the WooCommerce
 * customer id as `ExtCode`.
 *
 * @example
 * ```ts
 * const result = identifyCustomer(order, { store, orders });
 * if (result.ok && result.identity.kind !== 'retail') console.log(result.identity.lookupKey);
 * ```
 */
export function identifyCustomer(
  order: WooOrder,
  config: OrderExportConfig,
): CustomerIdentityResult {
  const policy = config.orders.customer;
  if (policy.mode === 'retail')
    return { ok: true, identity: { kind: 'retail', client: policy.retailClient } };
  const issues = IssueCollector.forOrder(order);
  const companyId = metaText(order, policy.companyIdMetaKey);
  const personalId =
    companyId === undefined ? metaText(order, policy.personalIdMetaKey) : undefined;
  if (companyId !== undefined && !COMPANY_ID_PATTERN.test(companyId)) {
    issues.add(
      'invalid_company_id',
      `${issues.subject}: company ID "${companyId}" (order meta ${policy.companyIdMetaKey}) is not an identification code; correct it in the order (or clear it to sell to the retail client) and export again`,
      { field: `meta.${policy.companyIdMetaKey}` },
    );
  }
  if (personalId !== undefined && !isValidPersonalNumber(personalId)) {
    issues.add(
      'invalid_personal_id',
      `${issues.subject}: personal number "${personalId}" (order meta ${policy.personalIdMetaKey}) must be exactly 11 digits; correct it in the order (or clear it to sell to the retail client) and export again`,
      { field: `meta.${policy.personalIdMetaKey}` },
    );
  }
  if (issues.failed) return issues.failure();
  const idNumber = companyId ?? personalId;
  if (idNumber === undefined)
    return { ok: true, identity: { kind: 'retail', client: policy.retailClient } };

  const kind = companyId !== undefined ? 'company' : 'individual';
  const key = clientKey(idNumber);
  const uid = documentUid(storeNamespace(config.store), key);
  const billing = order.billing;
  const personName = `${billing.firstName.trim()} ${billing.lastName.trim()}`.trim();
  const company = billing.company.trim();
  const name =
    (kind === 'company' ? company || personName : personName || company) ||
    (kind === 'company' ? `Company ${idNumber}` : `Customer ${idNumber}`);
  const address = addressText(billing);
  const email = billing.email.trim();
  const phone = billing.phone.trim();
  const document: ClientDocument = {
    uid,
    Name: truncate(name, 150),
    FullName: truncate(name, 150),
    ID: idNumber,
    LegalForm:
      kind === 'company'
        ? BUILDER_LITERALS.legalForm.company
        : BUILDER_LITERALS.legalForm.individual,
    ...(kind === 'individual' ? { VATType: BUILDER_LITERALS.vatType.notVatPayer } : {}),
    ...(policy.clientGroup ? { Group: policy.clientGroup } : {}),
    ...(email ? { Email: email } : {}),
    ...(phone ? { Phone: phone } : {}),
    ...(address
      ? kind === 'company'
        ? { LegalAddress: address }
        : { PhysicalAddress: address }
      : {}),
    ...(order.customerId > 0 ? { ExtCode: String(order.customerId) } : {}),
  };
  return {
    ok: true,
    identity: {
      kind,
      idNumber,
      lookupKey: `${kind === 'company' ? 'company' : 'personal'}:${idNumber}`,
      key,
      uid,
      document,
    },
  };
}
