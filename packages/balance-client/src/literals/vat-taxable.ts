/**
 * VAT treatment of a Sale (`VATTaxable`; on credit notes sent as `VATtaxable` by default).
 *
 * Georgian literals exactly as Balance exchanges them (no trailing spaces). Fields typed with
 * these still accept any string, for tenants with other values.
 *
 * @example
 * ```ts
 * VatTaxable.subjectToVat; // 'იბეგრება დღგ-ით'
 * ```
 */
export const VatTaxable = {
  /** Subject to VAT (the default one production client uses, citing the spec). */
  subjectToVat: 'იბეგრება დღგ-ით',
  /** Not subject to VAT. */
  notSubjectToVat: 'არ იბეგრება დღგ-ით',
} as const;

/**
 * One of the {@link VatTaxable} literals.
 *
 * @example
 * ```ts
 * const value: VatTaxableValue = VatTaxable.subjectToVat;
 * ```
 */
export type VatTaxableValue = (typeof VatTaxable)[keyof typeof VatTaxable];
