/**
 * VAT rate of a document line (`VATRate`). Really a catalog reference: a GUID is preferred, these texts are accepted by some tenants.
 *
 * Georgian literals exactly as Balance exchanges them (no trailing spaces). Fields typed with
 * these still accept any string, for tenants with other values.
 *
 * @example
 * ```ts
 * const line = { Item: itemUid, Quantity: 1, Price: '15.00', Amount: '15.00', VATRate: VatRate.standard };
 * ```
 */
export const VatRate = {
  /** Standard rate. */
  standard: 'ჩვეულებრივი',
  /** Zero rate. */
  zero: 'ნულოვანი',
  /** Without VAT. */
  withoutVat: 'დღგ-ის გარეშე',
  /** Exempt. */
  exempt: 'დაუბეგრავი',
} as const;

/**
 * One of the {@link VatRate} literals.
 *
 * @example
 * ```ts
 * const value: VatRateValue = VatRate.standard;
 * ```
 */
export type VatRateValue = (typeof VatRate)[keyof typeof VatRate];
