import { z } from 'zod';
import { BalanceConfigurationError } from '../errors/balance-configuration-error.js';
import type { BalanceRetryOptions } from '../retry/retry-options.js';
import { formatPath } from '../schemas/parse-rows.js';
import type { EndpointConfig } from '../transport/endpoint-resolver.js';
import type { BalanceFetch } from '../transport/fetch-like.js';
import { createInsecureFetch } from '../transport/insecure-fetch.js';
import type { DocumentFieldRenames } from '../transport/request-body.js';
import type { BalanceClientOptions } from './balance-client-options.js';
import { type BalanceRuntime, defaultRuntime } from './balance-runtime.js';
import { type BalanceTemplates, DEFAULT_TEMPLATES } from './balance-templates.js';

/** Options after validation and defaults; credentials only in `authorization`/`secrets`. */
export interface ResolvedClientConfig {
  readonly endpoints: EndpointConfig;
  readonly authorization: string;
  readonly secrets: readonly string[];
  readonly fetch: BalanceFetch;
  readonly dispatcher: unknown;
  readonly timeoutMs: number;
  readonly retry: BalanceRetryOptions | false;
  readonly templates: BalanceTemplates;
  readonly exchangeUid: string | undefined;
  readonly dryRun: boolean;
  readonly logBodies: boolean;
  readonly packSize: { readonly items: number; readonly itemPricing: number };
  readonly clientLookup: {
    readonly idQueryParameter: string | false;
    readonly fallbackToFullList: boolean;
  };
  readonly documentFieldNames: {
    readonly sale: DocumentFieldRenames;
    readonly salesCredit: DocumentFieldRenames;
  };
  readonly runtime: BalanceRuntime;
}

const DEFAULT_SALES_CREDIT_RENAMES: DocumentFieldRenames = Object.freeze({
  header: Object.freeze({ VATTaxable: 'VATtaxable', VATArticle: 'VATarticle' }),
  lines: Object.freeze({ VATRate: 'VATrate' }),
});

const httpUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash;
      } catch {
        return false;
      }
    },
    { message: 'expected an http(s) URL without query or fragment' },
  )
  .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), {
    message: 'must not contain credentials; use `username` and `password`',
  })
  .transform((value) => value.replace(/\/+$/, ''));

const segment = z.enum(['o', 'a']);
const templateName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'expected a URL template name such as "SalesCredit"' });
const positiveInt = z.number().int().positive();
const renames = z.object({
  header: z.record(z.string(), z.string().min(1)).optional(),
  lines: z.record(z.string(), z.string().min(1)).optional(),
});

const optionsSchema = z.strictObject({
  connection: z.discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('cloud'),
      applicationId: z
        .union([z.string(), z.number().int().nonnegative()])
        .transform((value) => String(value).trim())
        .pipe(
          z
            .string()
            .regex(/^[A-Za-z0-9_-]+$/, { message: 'expected the tenant number, e.g. "7596"' }),
        ),
      segment: segment.default('o'),
      segmentOverrides: z.record(z.string(), segment).default({}),
      segmentFallback: z.boolean().default(true),
      origin: httpUrl.default('https://cloud.balance.ge'),
    }),
    z.strictObject({
      mode: z.literal('onprem'),
      baseUrl: httpUrl,
      basePath: z
        .string()
        .default('Balance_Exchange')
        .transform((value) => value.trim().replace(/^\/+|\/+$/g, '')),
    }),
  ]),
  username: z
    .string()
    .min(1, { message: 'required' })
    .refine((value) => !value.includes(':'), { message: 'must not contain ":" (HTTP Basic)' }),
  password: z.string({ message: 'required' }),
  exchangeUid: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  timeoutMs: z.number().int().positive().max(2_147_483_647).default(60_000),
  retry: z
    .union([
      z.literal(false),
      z.object({
        limit: z.number().int().nonnegative().optional(),
        backoffMs: z.number().nonnegative().optional(),
        maxDelayMs: z.number().nonnegative().optional(),
        maxRetryAfterMs: z.number().nonnegative().optional(),
        statusCodes: z.array(z.number().int().min(100).max(599)).optional(),
        businessErrorPatterns: z.array(z.instanceof(RegExp)).optional(),
      }),
    ])
    .optional(),
  fetch: z
    .custom<BalanceFetch>((value) => typeof value === 'function', {
      message: 'expected a function',
    })
    .optional(),
  dispatcher: z.unknown().optional(),
  dangerouslyDisableTlsVerification: z.boolean().default(false),
  templates: z
    .object({
      items: templateName.optional(),
      warehouses: templateName.optional(),
      stocks: templateName.optional(),
      prices: templateName.optional(),
      itemPricing: templateName.optional(),
      discounts: templateName.optional(),
      clients: templateName.optional(),
      sale: templateName.optional(),
      salesCredit: templateName.optional(),
    })
    .default({}),
  dryRun: z.boolean().default(false),
  logBodies: z.boolean().default(false),
  packSize: z
    .object({ items: positiveInt.default(500), itemPricing: positiveInt.default(100) })
    .default({
      items: 500,
      itemPricing: 100,
    }),
  clientLookup: z
    .object({
      idQueryParameter: z.union([z.literal(false), z.string().min(1)]).default('ID'),
      fallbackToFullList: z.boolean().default(false),
    })
    .default({ idQueryParameter: 'ID', fallbackToFullList: false }),
  documentFieldNames: z
    .object({ sale: renames.optional(), salesCredit: renames.optional() })
    .default({}),
  runtime: z.record(z.string(), z.unknown()).optional(),
});

/** Validates options and applies defaults; throws `BalanceConfigurationError`. */
export function resolveOptions(options: BalanceClientOptions): ResolvedClientConfig {
  const result = optionsSchema.safeParse(options);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
    }));
    const first = issues[0]!;
    throw new BalanceConfigurationError(
      `Invalid Balance client options: ${first.path || '(options)'}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
      { issues, hint: 'fix the named options' },
    );
  }
  const parsed = result.data;
  if (
    parsed.dangerouslyDisableTlsVerification &&
    (options.fetch || options.dispatcher !== undefined)
  ) {
    throw new BalanceConfigurationError(
      'Invalid Balance client options: dangerouslyDisableTlsVerification cannot be combined with fetch or dispatcher',
      { hint: 'configure TLS on your own fetch/dispatcher instead, or drop them' },
    );
  }
  const credentials = Buffer.from(`${parsed.username}:${parsed.password}`, 'utf8').toString(
    'base64',
  );
  const fetch: BalanceFetch =
    options.fetch ??
    (parsed.dangerouslyDisableTlsVerification
      ? createInsecureFetch()
      : (input, init) => globalThis.fetch(input, init));
  const endpoints: EndpointConfig =
    parsed.connection.mode === 'cloud'
      ? parsed.connection
      : {
          mode: 'onprem',
          baseUrl: parsed.connection.baseUrl,
          basePath: parsed.connection.basePath,
        };
  return {
    endpoints,
    authorization: `Basic ${credentials}`,
    secrets: [parsed.password, credentials],
    fetch,
    dispatcher: options.dispatcher,
    timeoutMs: parsed.timeoutMs,
    retry: options.retry ?? {},
    templates: { ...DEFAULT_TEMPLATES, ...withoutUndefined(parsed.templates) },
    exchangeUid: parsed.exchangeUid,
    dryRun: parsed.dryRun,
    logBodies: parsed.logBodies,
    packSize: parsed.packSize,
    clientLookup: parsed.clientLookup,
    documentFieldNames: {
      sale: parsed.documentFieldNames.sale ?? {},
      salesCredit: parsed.documentFieldNames.salesCredit ?? DEFAULT_SALES_CREDIT_RENAMES,
    },
    runtime: { ...defaultRuntime, ...withoutUndefined(options.runtime ?? {}) },
  };
}

function withoutUndefined<T extends object>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
