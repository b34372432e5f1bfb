import { MONEY_SCALE, QUANTITY_SCALE, unitsToDecimal } from './decimal-units.js';
import { BALANCE_LITERALS } from './document-literals.js';
import type { CheckedDocument } from './document-validation.js';
import type { EndpointContext } from './endpoint-context.js';
import type { StoredDocument } from './simulator-state.js';

interface CreditView {
  uid: string;
  baseDocument: string;
  operationType: string;
  totalTetri: number;
  lines: { item: string; quantityThousandths: number; baseDocument: string }[];
}

/**
 * The posting step of credit notes (1C "ОбработкаПроведения"): for every Sale the incoming
 * credit notes refer to, the credits that would then exist (stored ones not marked for
 * deletion, replaced by incoming ones with the same uid, plus new ones) must not exceed the
 * Sale — in total amount, in returned quantity per Sale line, and in returned quantity per
 * item. Price corrections count towards the amount only. Returns Russian 1C-style messages.
 *
 * @example
 * ```ts
 * const errors = checkCreditPosting(checkedCredits, context);
 * if (errors.length) return errorResponse(context.postingErrorStatus, errors);
 * ```
 */
export function checkCreditPosting(
  incoming: readonly CheckedDocument[],
  context: EndpointContext,
): string[] {
  const errors: string[] = [];
  const incomingByUid = new Map(incoming.map((doc) => [doc.uid, toView(doc)]));
  const saleUids = new Set(incoming.map((doc) => doc.baseDocument).filter((uid) => uid !== ''));
  for (const saleUid of saleUids) {
    const sale = context.state.sales.get(saleUid);
    if (!sale) continue;
    const credits: CreditView[] = [];
    for (const stored of context.state.salesCredits.values()) {
      if (stored.deletionMark || incomingByUid.has(stored.uid)) continue;
      const view = storedToView(stored);
      if (view.baseDocument === saleUid) credits.push(view);
    }
    for (const view of incomingByUid.values()) {
      if (view.baseDocument === saleUid) credits.push(view);
    }
    const blamed = incoming.find((doc) => doc.baseDocument === saleUid)?.uid ?? '';
    const prefix = `Ошибка при вызове метода контекста (Записать): Не удалось провести документ "Корректировка реализации ${blamed}"! {Документ.КорректировкаРеализации.МодульОбъекта(214)}: ОбработкаПроведения:`;

    const creditedTetri = credits.reduce((sum, credit) => sum + credit.totalTetri, 0);
    if (creditedTetri > sale.totalTetri) {
      errors.push(
        `${prefix} сумма корректировок (${money(creditedTetri)}) превышает сумму документа реализации № ${sale.number} (${money(sale.totalTetri)})`,
      );
    }

    const soldByLine = new Map(sale.lines.map((line) => [line.uid, line]));
    const soldByItem = sumBy(sale.lines, (line) => line.item);
    const returnedByLine = new Map<string, number>();
    const returnedByItem = new Map<string, number>();
    for (const credit of credits) {
      if (credit.operationType === BALANCE_LITERALS.creditOperationTypes.priceCorrection) continue;
      for (const line of credit.lines) {
        add(returnedByItem, line.item, line.quantityThousandths);
        if (soldByLine.has(line.baseDocument)) {
          add(returnedByLine, line.baseDocument, line.quantityThousandths);
        }
      }
    }
    for (const [lineUid, returned] of returnedByLine) {
      const sold = soldByLine.get(lineUid);
      if (sold && returned > sold.quantityThousandths) {
        errors.push(
          `${prefix} количество возврата (${quantity(returned)}) по строке ${sold.uid} превышает количество в документе реализации № ${sale.number} (${quantity(sold.quantityThousandths)})`,
        );
      }
    }
    for (const [item, returned] of returnedByItem) {
      const sold = soldByItem.get(item) ?? 0;
      if (returned > sold) {
        const name = context.state.items.get(item)?.Name ?? item;
        errors.push(
          `${prefix} количество возврата по номенклатуре "${name}" (${quantity(returned)}) превышает количество в документе реализации № ${sale.number} (${quantity(sold)})`,
        );
      }
    }
  }
  return errors;
}

function toView(doc: CheckedDocument): CreditView {
  return {
    uid: doc.uid,
    baseDocument: doc.baseDocument,
    operationType: doc.operationType,
    totalTetri: doc.totalTetri,
    lines: doc.lines,
  };
}

function storedToView(stored: StoredDocument): CreditView {
  const base = stored.body.BaseDocument;
  const type = stored.body.OperationType;
  return {
    uid: stored.uid,
    baseDocument: typeof base === 'string' ? base.toLowerCase() : '',
    operationType:
      typeof type === 'string' && type !== '' ? type : BALANCE_LITERALS.creditOperationTypes.return,
    totalTetri: stored.totalTetri,
    lines: stored.lines,
  };
}

function sumBy<T extends { quantityThousandths: number }>(
  rows: readonly T[],
  key: (row: T) => string,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) add(sums, key(row), row.quantityThousandths);
  return sums;
}

function add(sums: Map<string, number>, key: string, value: number): void {
  sums.set(key, (sums.get(key) ?? 0) + value);
}

const money = (tetri: number) => unitsToDecimal(tetri, MONEY_SCALE);
const quantity = (thousandths: number) => unitsToDecimal(thousandths, QUANTITY_SCALE);
