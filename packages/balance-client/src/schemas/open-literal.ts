/**
 * A field that takes one of the known Georgian literals but also any other string, for
 * tenants whose lists have more values. Editors still autocomplete the known ones.
 *
 * @example
 * ```ts
 * const treatment: OpenLiteral<VatTaxableValue> = VatTaxable.subjectToVat;
 * ```
 */
export type OpenLiteral<T extends string> = T | (string & {});
