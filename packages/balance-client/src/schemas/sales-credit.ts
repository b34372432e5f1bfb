import { z } from 'zod';
import { isEmptyReference } from '../guid/null-guid.js';
import {
  SalesCreditOperationType,
  type SalesCreditOperationTypeValue,
} from '../literals/sales-credit-operation-type.js';
import type { VatRateValue } from '../literals/vat-rate.js';
import type { VatTaxableValue } from '../literals/vat-taxable.js';
import {
  booleanInputSchema,
  dateInputSchema,
  decimalInputSchema,
  guidInputSchema,
  openLiteralInput as literal,
  optional,
  optionalTextInputSchema as optionalText,
  quantityInputSchema,
  quantitySchema,
  textSchema,
} from './scalars.js';

/** One line of a Sales Credit Note to send. */
export const salesCreditLineInputSchema = z.looseObject({
  /** Item GUID. */
  Item: z.string().trim().min(1),
  /**
   * The original Sale *line* uid (from `sales.get()`); the Sale's own uid when the line uid
   * is unknown.
   */
  BaseDocument: optionalText,
  /** Returned quantity (number or decimal string). */
  Quantity: quantityInputSchema.optional(),
  /** Unit price as a decimal string. */
  Price: decimalInputSchema.optional(),
  /** Line amount as a decimal string. */
  Amount: decimalInputSchema,
  /** Amount including VAT as a decimal string (treated as required by a production client). */
  AmountIncludingVAT: decimalInputSchema.optional(),
  /** VAT amount as a decimal string. */
  VAT: decimalInputSchema.optional(),
  /** Discount as a decimal string. */
  Discount: decimalInputSchema.optional(),
  /**
   * VAT rate (GUID or `VatRate` text). Sent as `VATrate` by default (the credit note's own
   * spelling); see the `documentFieldNames` option.
   */
  VATRate: literal<VatRateValue>(),
  /** VAT article. */
  VATArticle: optionalText,
  /** Unit. */
  Unit: optionalText,
  /** Line number. */
  Number: quantityInputSchema.optional(),
  /** Line content / description. */
  Content: optionalText,
  /** Series GUID (required for lot-tracked items). */
  Series: optionalText,
  /** Inventory account. */
  AccountingAccount: optionalText,
  /** VAT account. */
  VATAccount: optionalText,
  /** Revenue account. */
  RevenueAccount: optionalText,
  /** Cost-of-goods account (treated as required by a production client). */
  ExpensesAccount: optionalText,
  /** Cost as a decimal string. */
  Cost: decimalInputSchema.optional(),
  /** Excise as a decimal string. */
  Excise: decimalInputSchema.optional(),
  /** Item code text. */
  StringCode: optionalText,
});

/** A Sales Credit Note to send with `salesCredits.upsert()`. */
export const salesCreditInputSchema = z
  .looseObject({
    /** Client-generated document GUID (e.g. UUIDv5 of the refund); PUT is an upsert by it. */
    uid: guidInputSchema,
    /** The original Sale's uid; required except for "return without a base document". */
    BaseDocument: optionalText,
    /** Document date: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`. */
    Date: dateInputSchema,
    /** Operation type literal, see `SalesCreditOperationType`. */
    OperationType: literal<SalesCreditOperationTypeValue>(),
    /** Customer. */
    Client: optionalText,
    /** Warehouse goods return to. */
    Warehouse: optionalText,
    /** Branch. */
    Branch: optionalText,
    /** Customer contract. */
    Agreement: optionalText,
    /** Department. */
    Department: optionalText,
    /** Price type. */
    PriceType: optionalText,
    /** Currency. */
    Currency: optionalText,
    /** Currency multiplicity as a decimal string. */
    Multiplicity: decimalInputSchema.optional(),
    /** Currency rate as a decimal string. */
    Rate: decimalInputSchema.optional(),
    /** Receivables account code. */
    CustomersAccount: optionalText,
    /** Debt repayment account code. */
    DebtRepaymentAccount: optionalText,
    /** Down payment account code. */
    DownPaymentAccount: optionalText,
    /** Non-operating income account code. */
    NonOperatingIncomeAccount: optionalText,
    /** VAT financial expense account code. */
    VATFinancialExpenseAccount: optionalText,
    /** Whether amounts include VAT. */
    AmountIncludesVAT: booleanInputSchema.optional(),
    /**
     * VAT treatment literal. Sent as `VATtaxable` by default (the spelling the credit note
     * read-back uses); see the `documentFieldNames` option.
     */
    VATTaxable: literal<VatTaxableValue>(),
    /** VAT article. Sent as `VATarticle` by default; see `documentFieldNames`. */
    VATArticle: optionalText,
    /** Free text. */
    Comments: optionalText,
    /** Primary (external) document number, e.g. the WooCommerce refund id. */
    PrimaryDocument: optionalText,
    /** Revenue/expense analytics reference. */
    RevenuesAndExpensesAnalytics: optionalText,
    /** Additional attributes table. */
    AdditionalDetails: z.array(z.looseObject({})).optional(),
    /** Lines (at least one). */
    Items: z.array(salesCreditLineInputSchema).min(1),
  })
  .superRefine((credit, context) => {
    const needsBase = credit.OperationType !== SalesCreditOperationType.returnWithoutBaseDocument;
    if (needsBase && isEmptyReference(credit.BaseDocument)) {
      context.addIssue({
        code: 'custom',
        path: ['BaseDocument'],
        message: 'the original Sale uid is required (except for a return without a base document)',
      });
    }
  });

/**
 * A Sales Credit Note (return or price correction) to create or update. Each refund is its
 * own credit note with its own deterministic `uid`; the Sale is never edited. Header
 * `BaseDocument` = the Sale uid; each line's `BaseDocument` = the Sale line uid when known.
 *
 * Field spelling: write `VATTaxable`, `VATArticle` and line `VATRate` as on a Sale; the
 * client renames them to `VATtaxable`, `VATarticle` and `VATrate` on the wire by default,
 * because that is how credit notes read back (configurable with `documentFieldNames`).
 *
 * @example
 * ```ts
 * const credit: SalesCreditInput = {
 *   uid: '9a0e…',
 *   BaseDocument: saleUid,
 *   Date: '2025-03-05T10:00:00',
 *   OperationType: SalesCreditOperationType.return,
 *   Client: clientUid,
 *   Warehouse: warehouseUid,
 *   Items: [{ Item: itemUid, BaseDocument: saleLineUid, Quantity: 1, Price: '15.00', Amount: '15.00' }],
 * };
 * ```
 *
 * @interface
 */
export type SalesCreditInput = z.input<typeof salesCreditInputSchema>;

/**
 * A line of {@link SalesCreditInput}.
 *
 * @example
 * ```ts
 * const line: SalesCreditLineInput = { Item: itemUid, BaseDocument: saleLineUid, Amount: '5.00' };
 * ```
 *
 * @interface
 */
export type SalesCreditLineInput = z.input<typeof salesCreditLineInputSchema>;

/** A Sales Credit Note as Balance returns it. */
export const salesCreditSchema = z.looseObject({
  /** Document GUID. */
  uid: z.string().min(1),
  /** Document number. */
  Number: optional(textSchema),
  /** Document date. */
  Date: optional(textSchema),
  /** The original Sale uid. */
  BaseDocument: optional(textSchema),
  /** Lines as returned (VAT fields keep Balance's spelling). */
  Items: z.preprocess(
    (value) => value ?? [],
    z.array(
      z.looseObject({
        /** Line GUID. */
        uid: optional(textSchema),
        /** Item GUID. */
        Item: optional(textSchema),
        /** Quantity. */
        Quantity: optional(quantitySchema),
        /** Referenced Sale line. */
        BaseDocument: optional(textSchema),
      }),
    ),
  ),
});

/**
 * A Sales Credit Note read back from Balance. Fields keep Balance's spelling (e.g.
 * `VATtaxable`).
 *
 * @example
 * ```ts
 * const credit = await balance.salesCredits.get(creditUid);
 * if (credit) console.log(credit.Number, credit.BaseDocument);
 * ```
 *
 * @interface
 */
export type BalanceSalesCredit = z.output<typeof salesCreditSchema>;
