import { WooCommerceAuthError } from '../errors/woocommerce-auth-error.js';
import type { WooCommerceRequestInfo } from '../errors/woocommerce-error.js';
import { WooCommerceHttpError } from '../errors/woocommerce-http-error.js';
import type { WooCommerceAuthMode } from '../woocommerce-rest-options.js';
import { truncate, type WooRedactor } from './redactor.js';

/** Everything needed to describe a non-2xx response. */
export interface HttpErrorInput {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly text: string;
  /** The parsed JSON body, when it was JSON. */
  readonly parsed: unknown;
  readonly request: WooCommerceRequestInfo;
  readonly retryable: boolean;
  readonly auth: WooCommerceAuthMode;
  readonly redactor: WooRedactor;
}

/** Builds the {@link WooCommerceHttpError} (or {@link WooCommerceAuthError}) for a response. */
export function createHttpError(input: HttpErrorInput): WooCommerceHttpError {
  const { redactor } = input;
  const body = isRecord(input.parsed) ? input.parsed : undefined;
  const wooCode = typeof body?.code === 'string' ? body.code : undefined;
  const wooMessage = typeof body?.message === 'string' ? redactor.text(body.message) : undefined;
  const bodyExcerpt = truncate(
    redactor.text(
      input.text
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
    500,
  );
  const what = wooCode
    ? `${wooCode}: ${wooMessage ?? ''}`.trim()
    : bodyExcerpt === ''
      ? 'empty body'
      : truncate(bodyExcerpt, 120);
  const summary = `WooCommerce ${input.method} ${input.path} failed with ${input.status} (${what})`;
  const common = {
    status: input.status,
    wooCode,
    data: body && 'data' in body ? redactor.value(body.data) : undefined,
    bodyExcerpt,
    request: input.request,
  };
  if (input.status === 401 || input.status === 403) {
    return new WooCommerceAuthError(summary, {
      ...common,
      hint: authHint(input.status, wooCode, wooMessage, input.auth),
    });
  }
  return new WooCommerceHttpError(summary, {
    ...common,
    retryable: input.retryable,
    hint: hintFor(input.status, wooCode),
  });
}

function authHint(
  status: number,
  wooCode: string | undefined,
  wooMessage: string | undefined,
  auth: WooCommerceAuthMode,
): string {
  if (wooMessage?.includes('write permissions')) {
    return 'the API key is read-only: create a key with Read/Write permissions (WooCommerce → Settings → Advanced → REST API)';
  }
  if (wooMessage?.includes('read permissions')) {
    return 'the API key is write-only: create a key with Read/Write permissions';
  }
  if (wooCode === 'woocommerce_rest_authentication_error') {
    return 'check the consumer key and secret (WooCommerce → Settings → Advanced → REST API)';
  }
  if (status === 403) {
    return "the key's user lacks the capability: create the key for an administrator or shop manager";
  }
  if (auth === 'basic') {
    return "WooCommerce saw no valid credentials: over plain HTTP (or behind a proxy that hides HTTPS from WordPress) Basic auth is ignored — use auth: 'oauth1'; if the host strips the Authorization header use auth: 'query'; otherwise the consumer key is unknown";
  }
  return 'WooCommerce saw no valid credentials: check the consumer key and that the key was not revoked';
}

function hintFor(status: number, wooCode: string | undefined): string | undefined {
  if (wooCode === 'rest_no_route') {
    return 'the route does not exist: check the store URL, that WooCommerce is active and that pretty permalinks are on';
  }
  if (status === 429) return 'the host is rate limiting; lower `concurrency`';
  if (status === 413)
    return 'the batch is too large for the store or its proxy; lower `batchLimit`';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
