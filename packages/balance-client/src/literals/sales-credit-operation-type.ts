/**
 * Operation type of a Sales Credit Note (`OperationType`). One production client describes these three as the complete list Balance's UI shows.
 *
 * Georgian literals exactly as Balance exchanges them (no trailing spaces). Fields typed with
 * these still accept any string, for tenants with other values.
 *
 * @example
 * ```ts
 * const credit = { OperationType: SalesCreditOperationType.return };
 * ```
 */
export const SalesCreditOperationType = {
  /** Price correction (amount-only refund). */
  priceCorrection: 'ფასის კორექტირება',
  /** Return of goods, with `BaseDocument` = the original Sale. */
  return: 'დაბრუნება',
  /** Return without a base document. */
  returnWithoutBaseDocument: 'საფუძვლის გარეშე უკან დაბრუნება',
} as const;

/**
 * One of the {@link SalesCreditOperationType} literals.
 *
 * @example
 * ```ts
 * const value: SalesCreditOperationTypeValue = SalesCreditOperationType.priceCorrection;
 * ```
 */
export type SalesCreditOperationTypeValue =
  (typeof SalesCreditOperationType)[keyof typeof SalesCreditOperationType];
