/**
 * VAT status of a customer (Clients `VATType`). Only the "not a VAT payer" literal has been seen; Balance's default is "VAT Payer" (its Georgian literal is unconfirmed: omit the field to get it).
 *
 * Georgian literals exactly as Balance exchanges them (no trailing spaces). Fields typed with
 * these still accept any string, for tenants with other values.
 *
 * @example
 * ```ts
 * const client = { Name: 'Nino Beridze', ID: '01001012345', VATType: VatType.notVatPayer };
 * ```
 */
export const VatType = {
  /** Not a VAT payer. */
  notVatPayer: 'არ არის დღგ-ს გადამხდელი',
} as const;

/**
 * One of the {@link VatType} literals.
 *
 * @example
 * ```ts
 * const value: VatTypeValue = VatType.notVatPayer;
 * ```
 */
export type VatTypeValue = (typeof VatType)[keyof typeof VatType];
