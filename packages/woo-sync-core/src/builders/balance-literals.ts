/**
 * The Georgian list literals the builders put into documents themselves (the others come
 * from configuration). Exactly as Balance exchanges them; they mirror the constants of
 * `@balance-sync/balance-client` (`LegalForm`, `VatType`).
 *
 * @example
 * ```ts
 * BUILDER_LITERALS.legalForm.individual; // 'ფიზიკური პირი'
 * ```
 */
export const BUILDER_LITERALS = {
  legalForm: {
    /** Natural person. */
    individual: 'ფიზიკური პირი',
    /** Limited liability company (Balance's default legal form). */
    company: 'შეზღუდული პასუხისმგებლობის საზოგადოება',
  },
  vatType: {
    /** Not a VAT payer (sent for individuals). */
    notVatPayer: 'არ არის დღგ-ს გადამხდელი',
  },
} as const;
