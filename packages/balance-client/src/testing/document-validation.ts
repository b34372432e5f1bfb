import {
  decimalToUnits,
  MONEY_SCALE,
  multiplyPriceByQuantity,
  QUANTITY_SCALE,
} from './decimal-units.js';
import { BALANCE_LITERALS } from './document-literals.js';
import type { EndpointContext } from './endpoint-context.js';
import {
  isEmptyReference,
  resolveClient,
  resolveItem,
  resolveWarehouse,
} from './reference-resolver.js';
import { isGuid } from './seeded-random.js';

/**
 * Which rules a document template follows.
 *
 * @example
 * ```ts
 * const kind: DocumentKind = 'SalesCredit';
 * ```
 */
export type DocumentKind = 'Sale' | 'SalesCredit' | 'generic';

/**
 * A document line after validation.
 *
 * @example
 * ```ts
 * const line: CheckedLine = {
 *   index: 0, item: itemUid, quantityThousandths: 2000, amountTetri: 3780,
 *   baseDocument: '', requestedUid: undefined,
 * };
 * ```
 */
export interface CheckedLine {
  index: number;
  item: string;
  quantityThousandths: number;
  amountTetri: number;
  baseDocument: string;
  /** Line uid given in the request, if any. */
  requestedUid: string | undefined;
}

/**
 * A document that passed validation, ready for posting checks and storage.
 *
 * @example
 * ```ts
 * const check = validateDocument('Sale', body, context);
 * if (check.ok) check.document.totalTetri;
 * ```
 */
export interface CheckedDocument {
  kind: DocumentKind;
  uid: string;
  body: Record<string, unknown>;
  lines: CheckedLine[];
  totalTetri: number;
  /** Header `BaseDocument` (credit notes), lowercase; empty when absent. */
  baseDocument: string;
  /** Header `OperationType` with the default applied (credit notes). */
  operationType: string;
}

/**
 * Validation result: a checked document, or the `Error` messages.
 *
 * @example
 * ```ts
 * const check: DocumentCheck = validateDocument('SalesCredit', body, context);
 * if (!check.ok) check.errors; // ['BaseDocument: …']
 * ```
 */
export type DocumentCheck =
  | { ok: true; document: CheckedDocument }
  | { ok: false; errors: string[] };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?$/;

/**
 * Validates one document of a PUT / PATCH body against the rules of its kind: uid present
 * and a GUID; Sale and SalesCredit need a valid `Date`, an existing `Client`, an existing
 * `Warehouse` when given, known list literals, at least one line, and existing items with
 * numeric quantities and amounts; a SalesCredit needs an existing Sale as `BaseDocument`
 * (unless it is a return without base) and line `BaseDocument`s that are lines of that Sale.
 * Generic documents only need a uid and existing references where given.
 *
 * @example
 * ```ts
 * const check = validateDocument('Sale', body, context);
 * if (!check.ok) return errorResponse(400, check.errors);
 * ```
 */
export function validateDocument(
  kind: DocumentKind,
  body: unknown,
  context: EndpointContext,
): DocumentCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['Expected a JSON object for each document of the array'] };
  }
  const document = body as Record<string, unknown>;
  const errors: string[] = [];
  const rawUid = document.uid;
  if (isEmptyReference(rawUid)) {
    errors.push(
      'uid: the document identifier is required (documents are created with PUT and a client-generated uid)',
    );
    return { ok: false, errors };
  }
  if (!isGuid(rawUid)) {
    return { ok: false, errors: [`uid: "${String(rawUid)}" is not a valid unique identifier`] };
  }
  const uid = rawUid.toLowerCase();
  const { state, searchBy } = context;
  const strict = kind !== 'generic';

  if (strict) checkDate(document.Date, errors);

  if (strict && isEmptyReference(document.Client)) {
    errors.push('Client: მყიდველი არ არის მითითებული');
  } else if (
    !isEmptyReference(document.Client) &&
    !resolveClient(state, document.Client, searchBy)
  ) {
    errors.push(`Client: მყიდველი ვერ მოიძებნა: ${String(document.Client)}`);
  }
  if (
    !isEmptyReference(document.Warehouse) &&
    !resolveWarehouse(state, document.Warehouse, searchBy)
  ) {
    errors.push(`Warehouse: საწყობი ვერ მოიძებნა: ${String(document.Warehouse)}`);
  }

  let operationType = '';
  let baseDocument = '';
  let baseSaleLines: Set<string> | undefined;
  if (kind === 'Sale') {
    checkLiteral(document, 'OperationType', BALANCE_LITERALS.saleOperationTypes, errors);
    checkLiteral(document, 'VATTaxable', BALANCE_LITERALS.vatTaxable, errors);
  }
  if (kind === 'SalesCredit') {
    const types = Object.values(BALANCE_LITERALS.creditOperationTypes) as string[];
    checkLiteral(document, 'OperationType', types, errors);
    checkLiteral(document, 'VATtaxable', BALANCE_LITERALS.vatTaxable, errors);
    checkLiteral(document, 'VATTaxable', BALANCE_LITERALS.vatTaxable, errors);
    operationType =
      typeof document.OperationType === 'string' && document.OperationType !== ''
        ? document.OperationType
        : BALANCE_LITERALS.creditOperationTypes.return;
    if (isEmptyReference(document.BaseDocument)) {
      if (operationType !== BALANCE_LITERALS.creditOperationTypes.returnWithoutBase) {
        errors.push('BaseDocument: საფუძველი დოკუმენტი არ არის მითითებული');
      }
    } else {
      baseDocument = String(document.BaseDocument).toLowerCase();
      const sale = context.state.sales.get(baseDocument);
      if (!sale) {
        errors.push(
          `BaseDocument: საფუძველი დოკუმენტი (რეალიზაცია) ვერ მოიძებნა: ${String(document.BaseDocument)}`,
        );
      } else {
        baseSaleLines = new Set(sale.lines.map((line) => line.uid));
      }
    }
  }

  const lines: CheckedLine[] = [];
  const rawLines = document.Items;
  if (rawLines !== undefined && !Array.isArray(rawLines)) {
    errors.push('Items: expected an array of lines');
  } else if (strict && (!rawLines || rawLines.length === 0)) {
    errors.push('Items: the document must have at least one line');
  } else if (rawLines) {
    rawLines.forEach((raw, index) => {
      const line = checkLine(kind, raw, index, operationType, context, errors);
      if (!line) return;
      if (
        kind === 'SalesCredit' &&
        line.baseDocument !== '' &&
        baseSaleLines &&
        line.baseDocument !== baseDocument &&
        !baseSaleLines.has(line.baseDocument)
      ) {
        errors.push(
          `Items[${index}].BaseDocument: "${line.baseDocument}" is not a line of Sale ${baseDocument}`,
        );
      }
      lines.push(line);
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const totalTetri = lines.reduce((sum, line) => sum + line.amountTetri, 0);
  return {
    ok: true,
    document: {
      kind,
      uid,
      body: { ...document, uid },
      lines,
      totalTetri,
      baseDocument,
      operationType,
    },
  };
}

function checkLine(
  kind: DocumentKind,
  raw: unknown,
  index: number,
  operationType: string,
  context: EndpointContext,
  errors: string[],
): CheckedLine | undefined {
  const at = `Items[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    errors.push(`${at}: expected an object`);
    return undefined;
  }
  const line = raw as Record<string, unknown>;
  const before = errors.length;
  let itemUid = '';
  if (isEmptyReference(line.Item)) {
    if (kind !== 'generic') errors.push(`${at}.Item: საქონელი არ არის მითითებული`);
  } else {
    const item = resolveItem(context.state, line.Item, context.searchBy);
    if (!item) errors.push(`${at}.Item: საქონელი ვერ მოიძებნა: ${String(line.Item)}`);
    else if (item.IsGroup) errors.push(`${at}.Item: "${item.Name}" is a group, not an item`);
    else itemUid = item.uid;
  }

  const quantity =
    line.Quantity === undefined ? undefined : decimalToUnits(line.Quantity, QUANTITY_SCALE);
  const zeroQuantityAllowed =
    kind === 'generic' || operationType === BALANCE_LITERALS.creditOperationTypes.priceCorrection;
  if (line.Quantity === undefined && kind !== 'generic') {
    errors.push(`${at}.Quantity: required`);
  } else if (
    line.Quantity !== undefined &&
    (quantity === undefined || quantity < 0 || (quantity === 0 && !zeroQuantityAllowed))
  ) {
    errors.push(`${at}.Quantity: "${String(line.Quantity)}" is not a positive number`);
  }
  const price = line.Price === undefined ? undefined : decimalToUnits(line.Price, MONEY_SCALE);
  if (line.Price !== undefined && price === undefined) {
    errors.push(`${at}.Price: "${String(line.Price)}" is not a number`);
  }
  const amount = line.Amount === undefined ? undefined : decimalToUnits(line.Amount, MONEY_SCALE);
  if (line.Amount !== undefined && amount === undefined) {
    errors.push(`${at}.Amount: "${String(line.Amount)}" is not a number`);
  }
  if (kind !== 'generic' && line.Amount === undefined && line.Price === undefined) {
    errors.push(`${at}: Price or Amount is required`);
  }
  if (errors.length > before) return undefined;

  const quantityThousandths = quantity ?? 0;
  const amountTetri =
    amount ?? (price !== undefined ? multiplyPriceByQuantity(price, quantityThousandths) : 0);
  const requestedUid = isGuid(line.uid) ? line.uid.toLowerCase() : undefined;
  return {
    index,
    item: itemUid,
    quantityThousandths,
    amountTetri,
    baseDocument: isEmptyReference(line.BaseDocument)
      ? ''
      : String(line.BaseDocument).toLowerCase(),
    requestedUid,
  };
}

function checkDate(value: unknown, errors: string[]): void {
  if (value === undefined || value === '') {
    errors.push('Date: თარიღი არ არის მითითებული');
    return;
  }
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  if (!match) {
    errors.push(`Date: "${String(value)}" is not a date (YYYY-MM-DDTHH:MM:SS)`);
    return;
  }
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() + 1 !== month ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    errors.push(`Date: "${value as string}" is not a date (YYYY-MM-DDTHH:MM:SS)`);
  }
}

function checkLiteral(
  document: Record<string, unknown>,
  field: string,
  allowed: readonly string[],
  errors: string[],
): void {
  const value = document[field];
  if (value === undefined || value === '') return;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    errors.push(`${field}: უცნობი მნიშვნელობა "${String(value)}"`);
  }
}
