/**
 * Georgian list literals the simulator checks documents against (reference §8.3 "Lists").
 * Exact spelling matters: `კომფენსაციით` (with ფ) is rejected.
 *
 * @example
 * ```ts
 * BALANCE_LITERALS.creditOperationTypes.return; // "დაბრუნება"
 * ```
 */
export const BALANCE_LITERALS = {
  /** Sale `OperationType`. */
  saleOperationTypes: ['მიწოდება კომპენსაციით', 'მიწოდება კომპენსაციის გარეშე'],
  /** Sale `VATTaxable` / SalesCredit `VATtaxable`. */
  vatTaxable: ['იბეგრება დღგ-ით', 'არ იბეგრება დღგ-ით'],
  /** SalesCredit `OperationType` (the complete list shown in Balance's UI). */
  creditOperationTypes: {
    /** A return of goods (with `BaseDocument`); the default when absent. */
    return: 'დაბრუნება',
    /** A price correction (with `BaseDocument`); returns no quantity. */
    priceCorrection: 'ფასის კორექტირება',
    /** A return without a base document. */
    returnWithoutBase: 'საფუძვლის გარეშე უკან დაბრუნება',
  },
} as const;
