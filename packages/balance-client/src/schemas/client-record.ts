import { z } from 'zod';
import { isGuid } from '../guid/null-guid.js';
import type { LegalFormValue } from '../literals/legal-form.js';
import type { VatTypeValue } from '../literals/vat-type.js';
import type { OpenLiteral } from './open-literal.js';
import {
  booleanInputSchema,
  booleanSchema,
  optional,
  optionalTextInputSchema as optionalText,
  referenceSchema,
  textSchema,
} from './scalars.js';

/** A customer as `GET Clients` returns it. */
export const clientRecordSchema = z.looseObject({
  /** Customer GUID. */
  uid: z.string().min(1),
  /** Short name. */
  Name: optional(textSchema),
  /** Full (legal) name. */
  FullName: optional(textSchema),
  /** Tax / personal identification number. */
  ID: optional(textSchema),
  /** Customer code. */
  Code: optional(textSchema),
  /** Legal form literal. */
  LegalForm: optional(textSchema),
  /** VAT status literal. */
  VATType: optional(textSchema),
  /** Settlement currency. */
  Currency: optional(textSchema),
  /** Customer group GUID (`undefined` for the root). */
  Group: referenceSchema,
  /** Whether the row is a customer group. */
  IsGroup: optional(booleanSchema),
  /** Settle per contract. */
  ByAgreements: optional(booleanSchema),
  /** External code. */
  ExtCode: optional(textSchema),
});

/**
 * A customer read from Balance.
 *
 * @example
 * ```ts
 * const [existing] = await balance.clients.findById('01001012345');
 * ```
 *
 * @interface
 */
export type BalanceClientRecord = z.output<typeof clientRecordSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

/** What the client validates before `PUT Clients`. */
export const clientInputSchema = z.looseObject({
  /**
   * Customer GUID. Give it (e.g. a UUIDv5 of the personal ID) to make the PUT an idempotent,
   * retry-safe upsert; leave it out to let Balance generate one (the call is then not retried).
   */
  uid: z
    .string()
    .trim()
    .refine((value) => value === '' || isGuid(value), { message: 'expected a GUID or ""' })
    .optional(),
  /** Short name (required, at most 150 characters). */
  Name: text(150),
  /** Tax / personal identification number (required, at most 50 characters). */
  ID: text(50),
  /** Full (legal) name, at most 150 characters; Balance derives it from `Name` when absent. */
  FullName: z.string().max(150).optional(),
  /** Legal form literal; Balance's default is LLC. */
  LegalForm: z.custom<OpenLiteral<LegalFormValue>>((value) => typeof value === 'string').optional(),
  /** VAT status literal; Balance's default is "VAT Payer". */
  VATType: z.custom<OpenLiteral<VatTypeValue>>((value) => typeof value === 'string').optional(),
  /** Settlement currency (code such as `GEL`, or GUID). */
  Currency: optionalText,
  /** Customer group GUID. */
  Group: optionalText,
  /** Customer code. */
  Code: optionalText,
  /** Settle per contract. */
  ByAgreements: booleanInputSchema.optional(),
  /** Main contract GUID. */
  MainAgreement: optionalText,
  /** Receivables account code, e.g. `1410.01`. */
  ReceivablesAccount: optionalText,
  /** Advances-received account code. */
  AdvancesAccount: optionalText,
  /** External code (e.g. the WooCommerce customer id). */
  ExtCode: optionalText,
  /** Phone. */
  Phone: optionalText,
  /** E-mail. */
  Email: optionalText,
  /** Legal address. */
  LegalAddress: optionalText,
  /** Physical address. */
  PhysicalAddress: optionalText,
  /** Country (GUID or name). */
  Country: optionalText,
  /** E-mail table, e.g. `[{ Email: 'a@b.ge' }]`. */
  Emails: z.array(z.looseObject({ /** E-mail. */ Email: z.string() })).optional(),
  /** Phone table, e.g. `[{ Phone: '+995…' }]`. */
  Phones: z.array(z.looseObject({ /** Phone. */ Phone: z.string() })).optional(),
  /** Contact information rows, e.g. `[{ PhysicalAddress: 'Tbilisi' }]`. */
  ContactInformation: z.array(z.looseObject({})).optional(),
});

/**
 * A customer to create or update with `clients.upsert()`. `Name` and `ID` are required by
 * Balance; every field left out (or empty) is omitted from the body so Balance applies its
 * defaults. Extra fields are sent as given.
 *
 * @example
 * ```ts
 * const client: BalanceClientInput = {
 *   uid: '0b6f2f2e-5d0c-5b8e-9a57-4d1d3f0e7a11',
 *   Name: 'Nino Beridze',
 *   ID: '01001012345',
 *   LegalForm: LegalForm.naturalPerson,
 *   VATType: VatType.notVatPayer,
 *   Phones: [{ Phone: '+995555000000' }],
 * };
 * ```
 *
 * @interface
 */
export type BalanceClientInput = z.input<typeof clientInputSchema>;
