import { z } from 'zod';
import type { SaleOperationTypeValue } from '../literals/sale-operation-type.js';
import type { VatRateValue } from '../literals/vat-rate.js';
import type { VatTaxableValue } from '../literals/vat-taxable.js';
import {
  booleanInputSchema,
  dateInputSchema,
  decimalInputSchema,
  decimalSchema,
  guidInputSchema,
  openLiteralInput as literal,
  optional,
  optionalTextInputSchema as optionalText,
  quantityInputSchema,
  quantitySchema,
  textSchema,
} from './scalars.js';

/** One line (`Items[]`) of a Sale to send. */
export const saleLineInputSchema = z.looseObject({
  /** Item GUID (preferred); a code or name works only if the tenant's search settings allow it. */
  Item: z.string().trim().min(1),
  /** Quantity (number or decimal string). */
  Quantity: quantityInputSchema,
  /** Unit price as a decimal string, e.g. `"15.00"`. */
  Price: decimalInputSchema,
  /** Line amount as a decimal string. */
  Amount: decimalInputSchema,
  /** Revenue account; one integration found it effectively required per line. */
  IncomeAccount: optionalText,
  /** Item code / SKU text for the line. */
  StringCode: optionalText,
  /** Unit GUID or name; may be left out when `Item` is a GUID (Balance uses the item's unit). */
  Unit: optionalText,
  /** Discount amount as a decimal string. */
  Discount: decimalInputSchema.optional(),
  /** Discounted unit price as a decimal string. */
  DiscountedPrice: decimalInputSchema.optional(),
  /** VAT rate: GUID preferred, or one of the `VatRate` texts. */
  VATRate: literal<VatRateValue>(),
  /** Inventory account (defaults from the item). */
  AccountNumber: optionalText,
  /** Cost-of-goods account. */
  ExpensesAccount: optionalText,
  /** VAT payable account; required when VAT > 0 unless the item has a default. */
  VATPayableAccount: optionalText,
  /** Series GUID for lot-tracked items. */
  Series: optionalText,
  /** Sales order reference. */
  SalesOrder: optionalText,
  /** Consultant reference. */
  Consultant: optionalText,
  /** Revenue/expense analytics reference. */
  RevenuesAndExpensesAnalytics: optionalText,
});

/** One inline payment row (`Payment[]`) of a Sale. */
export const salePaymentInputSchema = z.looseObject({
  /** Payment type (tenant-specific reference or text). */
  PaymentType: optionalText,
  /** Account the payment goes to; which value Balance expects here is unverified. */
  PaymentAccount: optionalText,
  /** Paid amount as a decimal string. */
  Amount: decimalInputSchema,
});

/** A Sale document to send with `sales.upsert()`. */
export const saleInputSchema = z.looseObject({
  /** Client-generated document GUID; re-sending the same uid updates the same document. */
  uid: guidInputSchema,
  /** Document date, `YYYY-MM-DDTHH:MM:SS` in the server's local time (no zone). */
  Date: dateInputSchema,
  /** Customer GUID (or ID per search settings). */
  Client: z.string().trim().min(1),
  /** Payment due date, same format as `Date`. */
  PaymentDate: dateInputSchema.optional(),
  /** Customer contract GUID. */
  Agreement: optionalText,
  /** Shipping warehouse (GUID, or code/name per search settings). */
  Warehouse: optionalText,
  /** Branch GUID. */
  Branch: optionalText,
  /** Department (GUID or name). */
  Department: optionalText,
  /** Cash register. */
  CashRegister: optionalText,
  /** Currency, e.g. `GEL`. */
  Currency: optionalText,
  /** Currency rate as a decimal string. */
  CurrencyRate: decimalInputSchema.optional(),
  /** Price type GUID. */
  PriceType: optionalText,
  /** Whether prices include VAT. */
  AmountIncludesVAT: booleanInputSchema.optional(),
  /** VAT treatment literal, see `VatTaxable`. */
  VATTaxable: literal<VatTaxableValue>(),
  /** Operation type literal, see `SaleOperationType`. */
  OperationType: literal<SaleOperationTypeValue>(),
  /** VAT article (GUID, or the same text as `OperationType`). */
  VATArticle: literal<SaleOperationTypeValue>(),
  /** Receivables account code, e.g. `1410.01` (a chart-of-accounts code, not an IBAN). */
  ReceivablesAccount: optionalText,
  /** Revenue account code, e.g. `6110`. */
  RevenueAccount: optionalText,
  /** Advances account code. */
  AdvancesAccount: optionalText,
  /** VAT expense account code. */
  VATExpenseAccount: optionalText,
  /** Difference account code. */
  DifferenceAccount: optionalText,
  /** Receivables write-off account code. */
  ReceivablesWriteoffAccount: optionalText,
  /** Expenses account code. */
  ExpensesAccount: optionalText,
  /** VAT account code. */
  VATAccount: optionalText,
  /** Does not affect receivables. */
  DoesNotAffectReceivables: booleanInputSchema.optional(),
  /** Subject to income tax (Balance's spelling). */
  SubjetToIncomeTax: booleanInputSchema.optional(),
  /** Show the market price on the invoice. */
  TheMarketPriceShouldAppearInTheInvoice: booleanInputSchema.optional(),
  /** Free text, e.g. the web order number. */
  Comments: optionalText,
  /** Primary (external) document number, e.g. the WooCommerce order number. */
  PrimaryDocument: optionalText,
  /** Revenue/expense analytics reference. */
  RevenuesAndExpensesAnalytics: optionalText,
  /** Lines (at least one). */
  Items: z.array(saleLineInputSchema).min(1),
  /** Inline payments recorded with the sale. */
  Payment: z.array(salePaymentInputSchema).optional(),
  /** Additional attributes table; leave out unless the tenant defines attributes. */
  AdditionalDetails: z.array(z.looseObject({})).optional(),
});

/**
 * A Sale (რეალიზაცია) to create or update. `uid` is required and generated by the caller
 * (deterministically, e.g. UUIDv5 of the order): Balance's PUT is an upsert by uid, so
 * sending it again after a lost response rewrites the same document. Money is decimal
 * strings; empty fields are omitted from the body so Balance applies its defaults; extra
 * tenant fields are sent as given.
 *
 * @example
 * ```ts
 * const sale: SaleInput = {
 *   uid: '6f0c1c2e-1111-4a3b-9c0d-1234567890ab',
 *   Date: '2025-03-01T12:00:00',
 *   Client: clientUid,
 *   Warehouse: warehouseUid,
 *   VATTaxable: VatTaxable.subjectToVat,
 *   OperationType: SaleOperationType.supplyForConsideration,
 *   AmountIncludesVAT: true,
 *   Items: [{ Item: itemUid, Quantity: 2, Price: '15.00', Amount: '30.00', IncomeAccount: '6110' }],
 *   Payment: [{ PaymentType: 'Card', Amount: '30.00' }],
 * };
 * ```
 *
 * @interface
 */
export type SaleInput = z.input<typeof saleInputSchema>;

/**
 * A line of {@link SaleInput}.
 *
 * @example
 * ```ts
 * const line: SaleLineInput = { Item: itemUid, Quantity: 1, Price: '9.99', Amount: '9.99' };
 * ```
 *
 * @interface
 */
export type SaleLineInput = z.input<typeof saleLineInputSchema>;

/**
 * A payment row of {@link SaleInput}.
 *
 * @example
 * ```ts
 * const payment: SalePaymentInput = { PaymentType: 'Card', Amount: '30.00' };
 * ```
 *
 * @interface
 */
export type SalePaymentInput = z.input<typeof salePaymentInputSchema>;

/** A line of a Sale read back from Balance. */
export const saleLineSchema = z.looseObject({
  /** Line GUID: credit-note lines reference it as their `BaseDocument`. */
  uid: optional(textSchema),
  /** Line number. */
  Number: optional(quantitySchema),
  /** Item GUID. */
  Item: optional(textSchema),
  /** Quantity. */
  Quantity: optional(quantitySchema),
  /** Unit price (canonical decimal string). */
  Price: optional(decimalSchema),
  /** Amount (canonical decimal string). */
  Amount: optional(decimalSchema),
  /** VAT amount (canonical decimal string). */
  VAT: optional(decimalSchema),
  /** Amount including VAT (canonical decimal string). */
  AmountIncludingVAT: optional(decimalSchema),
});

/** A Sale as `GET Sale?uid=` (or the PUT response) returns it. */
export const saleSchema = z.looseObject({
  /** Document GUID. */
  uid: z.string().min(1),
  /** Document number assigned by Balance. */
  Number: optional(textSchema),
  /** Document date. */
  Date: optional(textSchema),
  /** Customer. */
  Client: optional(textSchema),
  /** Lines, with their `uid`s. */
  Items: z.preprocess((value) => value ?? [], z.array(saleLineSchema)),
});

/**
 * A Sale read back from Balance, with the line `uid`s that credit notes reference.
 *
 * @example
 * ```ts
 * const sale = await balance.sales.get(saleUid);
 * const lineUids = sale?.Items.map((line) => line.uid);
 * ```
 *
 * @interface
 */
export type BalanceSale = z.output<typeof saleSchema>;

/**
 * A line of {@link BalanceSale}.
 *
 * @example
 * ```ts
 * const first: BalanceSaleLine | undefined = sale.Items[0];
 * ```
 *
 * @interface
 */
export type BalanceSaleLine = z.output<typeof saleLineSchema>;
