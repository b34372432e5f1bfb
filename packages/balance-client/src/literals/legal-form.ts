/**
 * Legal form of a customer (Clients `LegalForm`). Omit the field to get Balance's default ("Limited Liability Company").
 *
 * Georgian literals exactly as Balance exchanges them (no trailing spaces). Fields typed with
 * these still accept any string, for tenants with other values.
 *
 * @example
 * ```ts
 * const client = { Name: 'Nino Beridze', ID: '01001012345', LegalForm: LegalForm.naturalPerson };
 * ```
 */
export const LegalForm = {
  /** Natural person. */
  naturalPerson: 'ფიზიკური პირი',
  /** Limited liability company (Balance's documented default). */
  limitedLiabilityCompany: 'შეზღუდული პასუხისმგებლობის საზოგადოება',
} as const;

/**
 * One of the {@link LegalForm} literals.
 *
 * @example
 * ```ts
 * const value: LegalFormValue = LegalForm.naturalPerson;
 * ```
 */
export type LegalFormValue = (typeof LegalForm)[keyof typeof LegalForm];
