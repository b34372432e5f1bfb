/*
 * The Balance documents the builders produce, field for field as the Balance Exchange
 * service takes them (reference §3.1, §3.9, §3.10, §8.3). Declared as type aliases (not
 * interfaces) so they are assignable to the client's loose input types (`SaleInput`,
 * `SalesCreditInput`, `BalanceClientInput` of `@balance-sync/balance-client`); a type test
 * keeps them aligned. Money and quantities are decimal strings; fields the SDK does not know
 * are left out rather than sent as `""`, so Balance applies its defaults.
 */

/**
 * One line (`Items[]`) of a {@link SaleDocument}. Balance's arithmetic for a line is
 * `Amount = Price × Quantity − Discount`, and the builder always sends all three so that the
 * equation holds exactly to the tetri.
 *
 * @example
 * ```ts
 * const line: SaleDocumentLine = { Item: itemUid, StringCode: 'TEA-250', Quantity: '2', Price: '15.00', Amount: '30.00' };
 * ```
 */
export type SaleDocumentLine = {
  /** Balance item uid (or code/name where the tenant's search settings allow). */
  Item: string;
  /** The WooCommerce SKU, for people reading the document. */
  StringCode?: string;
  /** Integer quantity as a string (`"3"`). */
  Quantity: string;
  /** Unit price after discounts (gross or net, see `AmountIncludesVAT`). */
  Price: string;
  /** Present only with `rounding: 'discount-field'`, when `Price × Quantity` overshoots. */
  Discount?: string;
  /** The line amount: `Price × Quantity − Discount`. */
  Amount: string;
  /** Unit, when the item resolver gives one. */
  Unit?: string;
  /** `orders.vat.vatRate`, on lines WooCommerce charged tax on. */
  VATRate?: string;
  /** `orders.accounts.income`. */
  IncomeAccount?: string;
  /** `orders.accounts.vatPayable`. */
  VATPayableAccount?: string;
  /** `orders.accounts.expenses`. */
  ExpensesAccount?: string;
};

/**
 * An inline payment row (`Payment[]`) of a {@link SaleDocument}.
 *
 * @example
 * ```ts
 * const payment: SaleDocumentPayment = { PaymentType: 'ნაღდი', PaymentAccount: '1210', Amount: '42.50' };
 * ```
 */
export type SaleDocumentPayment = {
  PaymentType: string;
  PaymentAccount: string;
  Amount: string;
};

/**
 * A Sale (რეალიზაცია) as the builder produces it; assignable to the client's `SaleInput`.
 *
 * @example
 * ```ts
 * const result = buildSale({ order, client, resolveItem, config });
 * if (result.ok) await balance.sales.upsert(result.document);
 * ```
 */
export type SaleDocument = {
  /** UUIDv5 of the store namespace and `sale:<orderId>`. */
  uid: string;
  /** `date_paid` in the store's time zone, `YYYY-MM-DDTHH:MM:SS`. */
  Date: string;
  VATTaxable: string;
  OperationType: string;
  /** Same instant as `Date` (the order is paid). */
  PaymentDate: string;
  Warehouse: string;
  Client: string;
  /** Whether `Price` and `Amount` include VAT (see `orders.vat.amounts`). */
  AmountIncludesVAT: boolean;
  ReceivablesAccount?: string;
  RevenueAccount?: string;
  Comments?: string;
  VATArticle?: string;
  PrimaryDocument?: string;
  Payment?: SaleDocumentPayment[];
  Items: SaleDocumentLine[];
};

/**
 * One line of a {@link SalesCreditDocument}. VAT fields use the Sale spelling (`VATRate`);
 * the Balance client renames them to the credit note's wire spelling (`VATrate`).
 *
 * @example
 * ```ts
 * const line: SalesCreditDocumentLine = {
 *   Item: itemUid, BaseDocument: saleLineUid, Quantity: '1', Price: '15.00', Amount: '15.00',
 * };
 * ```
 */
export type SalesCreditDocumentLine = {
  Item: string;
  /** The Sale line uid when known, else the Sale uid. */
  BaseDocument: string;
  StringCode?: string;
  /** Positive quantity returned (or corrected) as a string. */
  Quantity: string;
  Price: string;
  Discount?: string;
  /** Positive amount credited: `Price × Quantity − Discount`. */
  Amount: string;
  /** Equal to `Amount` when amounts include VAT; left out otherwise. */
  AmountIncludingVAT?: string;
  Unit?: string;
  VATRate?: string;
  /** `orders.accounts.income` (or `revenue` when `income` is not set). */
  RevenueAccount?: string;
  /** `orders.accounts.vatPayable`. */
  VATAccount?: string;
  /** `orders.accounts.expenses`. */
  ExpensesAccount?: string;
};

/**
 * A Sales Credit Note as the builders produce it (a refund, or a return request);
 * assignable to the client's `SalesCreditInput`.
 *
 * @example
 * ```ts
 * const result = buildCreditNote({ order, refund, sale, credited, config });
 * if (result.ok) await balance.salesCredits.upsert(result.document);
 * ```
 */
export type SalesCreditDocument = {
  /** UUIDv5 of the store namespace and `credit:<refundId>` / `return:<orderId>:<requestId>`. */
  uid: string;
  /** The Sale's uid. */
  BaseDocument: string;
  Date: string;
  /** `credits.returnOperationType` or `credits.priceCorrectionOperationType`. */
  OperationType: string;
  Client: string;
  Warehouse: string;
  /** The Sale's value. */
  AmountIncludesVAT: boolean;
  VATTaxable?: string;
  VATArticle?: string;
  /** `orders.accounts.receivables`. */
  CustomersAccount?: string;
  Comments?: string;
  PrimaryDocument?: string;
  Items: SalesCreditDocumentLine[];
};

/**
 * A customer to upsert in Balance's `Clients` catalog; assignable to the client's
 * `BalanceClientInput`.
 *
 * @example
 * ```ts
 * const client: ClientDocument = { uid, Name: 'ნინო ბერიძე', ID: '01001012345', LegalForm: 'ფიზიკური პირი' };
 * ```
 */
export type ClientDocument = {
  /** UUIDv5 of the store namespace and `client:<id number>`. */
  uid: string;
  /** At most 150 characters. */
  Name: string;
  FullName?: string;
  /** Personal number (11 digits) or company identification code. */
  ID: string;
  LegalForm?: string;
  VATType?: string;
  Group?: string;
  Email?: string;
  Phone?: string;
  LegalAddress?: string;
  PhysicalAddress?: string;
  /** The WooCommerce customer id, when the buyer has an account. */
  ExtCode?: string;
};
