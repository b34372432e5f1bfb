/**
 * Operation type of a Sale (`OperationType`; the same text is also accepted as `VATArticle`).
 *
 * Georgian literals exactly as Balance exchanges them (no trailing spaces). Fields typed with
 * these still accept any string, for tenants with other values.
 *
 * @example
 * ```ts
 * const sale = { OperationType: SaleOperationType.supplyForConsideration };
 * ```
 */
export const SaleOperationType = {
  /** Supply for consideration: an ordinary sale (the default one production client uses, citing the spec). */
  supplyForConsideration: 'მიწოდება კომპენსაციით',
  /** Supply without consideration (free of charge). */
  supplyWithoutConsideration: 'მიწოდება კომპენსაციის გარეშე',
} as const;

/**
 * One of the {@link SaleOperationType} literals.
 *
 * @example
 * ```ts
 * const value: SaleOperationTypeValue = SaleOperationType.supplyForConsideration;
 * ```
 */
export type SaleOperationTypeValue = (typeof SaleOperationType)[keyof typeof SaleOperationType];
