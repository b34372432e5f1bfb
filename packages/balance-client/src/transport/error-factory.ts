import { BalanceAuthError } from '../errors/balance-auth-error.js';
import type { BalanceRequestInfo } from '../errors/balance-error.js';
import { BalanceHttpError } from '../errors/balance-http-error.js';
import { BalanceNetworkError } from '../errors/balance-network-error.js';
import { readErrorBody } from '../errors/read-error-body.js';
import { type Redactor, truncate } from '../redaction/redactor.js';

const EXCHANGE_UID_TEMPLATES = new Set(['stocks', 'prices', 'itempricing']);
const CERTIFICATE_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Hint texts shared with "Test connection". */
export const HINTS = {
  credentials:
    'check `username` and `password`: they are a Balance user login (the same as for the Balance program) and that user must be allowed to use the web service',
  rights:
    'the Balance user lacks rights for this object, or (cloud) this publication segment rejects it — `sm/o` and `sm/a` are tried in turn unless `segmentFallback` is off; on-prem, a firewall/WAF may block the request',
  exchangeUid:
    'wrong `exchangeUid`, or the integration is not enabled in Balance under Administration → Data synchronization settings (tick the web-service exchange flag and the integration, e.g. Storera)',
} as const;

/** Builds the error for a non-2xx response. */
export function createHttpError(input: {
  readonly status: number;
  readonly statusText: string;
  readonly text: string;
  readonly request: BalanceRequestInfo;
  readonly retryable: boolean;
  readonly businessErrorPatterns: readonly RegExp[];
  readonly redactor: Redactor;
  /** Parsed `Retry-After` of the response, if any. */
  readonly retryAfterMs?: number | undefined;
}): BalanceHttpError {
  const { status, request, redactor } = input;
  const body = readErrorBody(redactor.text(input.text));
  const business = input.businessErrorPatterns.some((pattern) =>
    [...body.messages, body.excerpt].some((text) => pattern.test(text)),
  );
  const retryable = input.retryable && !business;
  const statusText = redactor.text(input.statusText);
  const detail =
    body.messages.length > 0
      ? `: ${truncate(body.messages.join('; '), 300)}`
      : body.excerpt !== ''
        ? `: ${truncate(body.excerpt, 200)}`
        : ' (empty body)';
  const summary = `Balance ${request.method} ${request.template} failed with HTTP ${status}${statusText ? ` ${statusText}` : ''}${detail}`;
  const options = {
    status,
    statusText,
    messages: body.messages,
    bodyExcerpt: body.excerpt,
    request,
    hint: hintFor(status, request.template, body.excerpt, retryable),
    retryAfterMs: input.retryAfterMs,
  };
  if (status === 401 || status === 403) return new BalanceAuthError(summary, options);
  return new BalanceHttpError(summary, { ...options, retryable });
}

function hintFor(status: number, template: string, text: string, retryable: boolean): string {
  if (status === 401) return HINTS.credentials;
  if (status === 403) return HINTS.rights;
  if (status === 502 && EXCHANGE_UID_TEMPLATES.has(template.toLowerCase())) {
    return HINTS.exchangeUid;
  }
  if (/ОбработкаПроведения|проведени/i.test(text)) {
    return 'Balance could not post the document (its posting handler failed) — for a credit note this is typical when a return already exists for the Sale: update that credit note (same `uid`) or fix the data in Balance';
  }
  if (status === 404 && /unknown parameter/i.test(text)) {
    return 'this publication rejects a query parameter: leave empty/optional parameters out or check its name in the web-service description';
  }
  if (status === 404) {
    return `check the URL template name (\`templates\` option; used "${template}"), the application id or base path, and that the Exchange web service is published`;
  }
  if (status === 429) return 'Balance is throttling: lower the concurrency of calls';
  if (retryable) {
    return 'Balance or its gateway failed; safe calls (GET, PUT with uids) are retried automatically — if it persists, try again later';
  }
  if (status >= 400 && status < 500) {
    return 'Balance rejected the data: fix what the messages name (references, required fields, list literals) before sending it again';
  }
  return 'unexpected answer from Balance';
}

/** Builds the error for a request that got no HTTP response (DNS, connection, TLS). */
export function createNetworkError(
  error: unknown,
  request: BalanceRequestInfo,
  redactor: Redactor,
): BalanceNetworkError {
  const systemCode = findCode(error);
  const origin = safeOrigin(request.url);
  const certificate = systemCode !== undefined && CERTIFICATE_CODES.has(systemCode);
  const reason = systemCode ?? redactor.text(innermostMessage(error));
  const hint = certificate
    ? 'the server TLS certificate is not trusted: add its CA with NODE_EXTRA_CA_CERTS, or — only on a network you trust — set `dangerouslyDisableTlsVerification: true`'
    : systemCode === 'ENOTFOUND' || systemCode === 'EAI_AGAIN'
      ? 'the host name does not resolve: check `baseUrl` / `origin` and DNS'
      : systemCode === 'ECONNREFUSED'
        ? 'nothing listens there: check the host and port and that the 1C web server publishing Balance_Exchange is running'
        : 'check the address, VPN and firewall; safe calls (GET, PUT with uids) are retried automatically';
  return new BalanceNetworkError(`Could not reach Balance at ${origin} (${reason})`, {
    request,
    systemCode,
    hint,
    retryable: !certificate,
    cause: sanitizeError(error, redactor),
  });
}

function findCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = current.cause;
  }
  return undefined;
}

function innermostMessage(error: unknown): string {
  let current: unknown = error;
  let message = String(error);
  for (let depth = 0; depth < 6 && current instanceof Error; depth += 1) {
    message = current.message;
    current = current.cause;
  }
  return message;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * A copy of an error chain with redacted messages and stacks, dropping every other property
 * (a runtime error may hold the `Request`, whose headers carry the credentials).
 */
export function sanitizeError(error: unknown, redactor: Redactor, depth = 0): Error | undefined {
  if (!(error instanceof Error) || depth > 4) return undefined;
  const cause = sanitizeError(error.cause, redactor, depth + 1);
  const copy = new Error(redactor.text(error.message), cause ? { cause } : undefined);
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  copy.stack = redactor.text(error.stack ?? `${error.name}: ${error.message}`);
  return copy;
}
