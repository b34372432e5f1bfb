import { parseRetryAfter } from '@balance-sync/balance-client';
import type { Clock, Logger } from '@balance-sync/woo-sync-core';
import ky, { isNetworkError } from 'ky';
import PQueue from 'p-queue';
import { oauth1Nonce, oauth1QueryParams } from '../auth/oauth1.js';
import type { WooCommerceError, WooCommerceRequestInfo } from '../errors/woocommerce-error.js';
import { WooCommerceHttpError } from '../errors/woocommerce-http-error.js';
import { WooCommerceNetworkError } from '../errors/woocommerce-network-error.js';
import { WooCommerceSchemaError } from '../errors/woocommerce-schema-error.js';
import { WooCommerceTimeoutError } from '../errors/woocommerce-timeout-error.js';
import type { WooCommerceEventEmitter } from '../events/woocommerce-events.js';
import type { WooCommerceAuthMode, WooCommerceRetryOptions } from '../woocommerce-rest-options.js';
import { createHttpError } from './http-error-factory.js';
import { parseLenientJson } from './lenient-json.js';
import { formatQuery, type QueryParams, queryEntries } from './query-string.js';
import type { WooRedactor } from './redactor.js';

/** One request to the WooCommerce REST API. */
export interface WooHttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path under `/wp-json/wc/v3`, e.g. `/products/batch`. */
  readonly path: string;
  readonly query?: QueryParams;
  /** Sent as JSON. */
  readonly body?: unknown;
  /**
   * Whether sending it twice does no harm (reads, updates). Requests that are not idempotent
   * are only repeated after a 429, which hosts send before running anything.
   */
  readonly idempotent: boolean;
}

/** A successful (2xx) response with its JSON body. */
export interface WooHttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly request: WooCommerceRequestInfo;
}

/** Sends requests with authentication, retries, timeouts, events and redaction. */
export interface WooHttpClient {
  send(request: WooHttpRequest): Promise<WooHttpResponse>;
}

/** What {@link createWooHttpClient} needs; the secret stays inside this closure. */
export interface WooHttpClientConfig {
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly auth: WooCommerceAuthMode;
  readonly timeoutMs: number;
  readonly retry: Required<WooCommerceRetryOptions>;
  readonly concurrency: number;
  readonly fetch: typeof fetch | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly events: WooCommerceEventEmitter;
  readonly redactor: WooRedactor;
}

type AttemptOutcome =
  | { kind: 'response'; response: Response; text: string }
  | { kind: 'error'; error: WooCommerceError };

const API_PREFIX = '/wp-json/wc/v3';

/** Creates the HTTP layer of the REST adapter. */
export function createWooHttpClient(config: WooHttpClientConfig): WooHttpClient {
  const { events, redactor, retry, logger } = config;
  const home = config.url.replace(/\/+$/, '');
  const queue = new PQueue({ concurrency: config.concurrency });
  const basic = `Basic ${Buffer.from(`${config.consumerKey}:${config.consumerSecret}`).toString('base64')}`;
  const api = ky.create({
    // Retries, timeouts and HTTP errors are handled below, where the policy is explicit.
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
  let requestCounter = 0;
  let junkReported = false;
  // WooCommerce signs with the scheme WordPress believes (`is_ssl()`), which behind a
  // TLS-terminating proxy is `http` for an `https` store. Switched once on a signature 401.
  let signingScheme: 'http:' | 'https:' = new URL(home).protocol === 'https:' ? 'https:' : 'http:';
  let signingSchemeSwitched = false;

  function buildUrl(request: WooHttpRequest): { url: string; headers: Record<string, string> } {
    const endpoint = `${home}${API_PREFIX}${request.path}`;
    const query = queryEntries(request.query ?? {});
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    if (config.auth === 'basic') headers.Authorization = basic;
    if (config.auth === 'query') {
      query.push(['consumer_key', config.consumerKey], ['consumer_secret', config.consumerSecret]);
    }
    if (config.auth === 'oauth1') {
      const signed = new URL(endpoint);
      signed.protocol = signingScheme;
      const oauth = oauth1QueryParams(
        request.method,
        signed.toString(),
        query,
        {
          consumerKey: config.consumerKey,
          timestamp: Math.floor(config.clock.now().getTime() / 1000),
          nonce: oauth1Nonce(),
        },
        config.consumerSecret,
      );
      query.push(...oauth);
    }
    return { url: query.length > 0 ? `${endpoint}?${formatQuery(query)}` : endpoint, headers };
  }

  async function attempt(
    request: WooHttpRequest,
    info: WooCommerceRequestInfo,
  ): Promise<AttemptOutcome> {
    const { url, headers } = buildUrl(request);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), config.timeoutMs);
    try {
      const response = await api(url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: controller.signal,
      });
      const text = await response.text();
      return { kind: 'response', response, text };
    } catch (error) {
      if (controller.signal.aborted) {
        return {
          kind: 'error',
          error: new WooCommerceTimeoutError(
            `WooCommerce ${request.method} ${request.path} did not answer within ${config.timeoutMs} ms`,
            { request: info, timeoutMs: config.timeoutMs },
          ),
        };
      }
      if (isNetworkError(error) || error instanceof TypeError || isSystemError(error)) {
        const systemCode = findSystemCode(error);
        return {
          kind: 'error',
          error: new WooCommerceNetworkError(
            `WooCommerce ${request.method} ${request.path} failed: ${redactor.text(describe(error))}`,
            { request: info, systemCode, cause: secretFreeCause(error, redactor) },
          ),
        };
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(request: WooHttpRequest): Promise<WooHttpResponse> {
    requestCounter += 1;
    const requestId = `woo-${requestCounter}`;
    // The URL of the events and errors: built once without credentials, so nothing leaks.
    const displayUrl = redactor.url(
      `${home}${API_PREFIX}${request.path}${
        request.query && queryEntries(request.query).length > 0
          ? `?${formatQuery(queryEntries(request.query))}`
          : ''
      }`,
    );
    const base = { requestId, method: request.method, url: displayUrl };
    for (let attemptNumber = 1; ; attemptNumber += 1) {
      const info: WooCommerceRequestInfo = { ...base, attempts: attemptNumber };
      events.emit('request', { ...base, attempt: attemptNumber });
      const startedAt = performance.now();
      const outcome = await queue.add(() => attempt(request, info));
      let error: WooCommerceError;
      let retryAfterMs: number | undefined;
      if (outcome.kind === 'response') {
        const { response, text } = outcome;
        const parsed = parseLenientJson(text);
        const leadingJunkChars = parsed.ok ? parsed.leadingJunk.length : 0;
        events.emit('response', {
          ...base,
          attempt: attemptNumber,
          status: response.status,
          durationMs: Math.round(performance.now() - startedAt),
          ...(leadingJunkChars > 0 ? { leadingJunkChars } : {}),
        });
        if (leadingJunkChars > 0 && !junkReported) {
          junkReported = true;
          logger.warn(
            { url: displayUrl, leadingJunkChars },
            'WooCommerce printed text before its JSON (usually a PHP notice from a plugin); it was skipped. Turn off WP_DEBUG_DISPLAY on the store.',
          );
        }
        if (response.ok) {
          if (!parsed.ok) {
            throw new WooCommerceSchemaError(
              `WooCommerce ${request.method} ${request.path} answered ${response.status} without a JSON body`,
              {
                request: info,
                issues: [{ path: '', message: describeNonJson(text) }],
              },
            );
          }
          return {
            status: response.status,
            headers: response.headers,
            body: parsed.value,
            request: info,
          };
        }
        error = createHttpError({
          method: request.method,
          path: request.path,
          status: response.status,
          text,
          parsed: parsed.ok ? parsed.value : undefined,
          request: info,
          retryable: retry.statusCodes.includes(response.status),
          auth: config.auth,
          redactor,
        });
        retryAfterMs = parseRetryAfter(
          response.headers.get('retry-after'),
          config.clock.now().getTime(),
        );
      } else {
        error = outcome.error;
      }

      const status = error instanceof WooCommerceHttpError ? error.status : undefined;
      if (
        config.auth === 'oauth1' &&
        !signingSchemeSwitched &&
        error instanceof WooCommerceHttpError &&
        error.status === 401 &&
        error.message.includes('Invalid signature - provided signature does not match')
      ) {
        // Nothing ran (authentication comes first), so any request may be sent again.
        signingSchemeSwitched = true;
        signingScheme = signingScheme === 'https:' ? 'http:' : 'https:';
        logger.warn(
          { signingScheme },
          'WooCommerce rejected the OAuth signature; signing with the other URL scheme (the store sees a different scheme than its URL says, e.g. behind a TLS proxy)',
        );
        events.emit('retry', {
          ...base,
          attempt: attemptNumber,
          delayMs: 0,
          reason: 'signature',
          status: 401,
        });
        continue;
      }
      const mayRepeat = request.idempotent || status === 429;
      if (error.retryable && mayRepeat && attemptNumber <= retry.limit) {
        const delayMs =
          retryAfterMs !== undefined
            ? Math.min(retryAfterMs, retry.maxRetryAfterMs)
            : Math.floor(
                config.random() *
                  Math.min(retry.maxDelayMs, retry.backoffMs * 2 ** (attemptNumber - 1)),
              );
        events.emit('retry', {
          ...base,
          attempt: attemptNumber,
          delayMs,
          reason:
            status !== undefined
              ? 'status'
              : error.code === 'WOOCOMMERCE_TIMEOUT'
                ? 'timeout'
                : 'network',
          ...(status === undefined ? {} : { status }),
        });
        await config.sleep(delayMs);
        continue;
      }
      throw error;
    }
  }

  return { send };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

function findSystemCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function secretFreeCause(error: unknown, redactor: WooRedactor): Error {
  const copy = new Error(redactor.text(describe(error)));
  copy.name = error instanceof Error ? error.name : 'Error';
  const code = findSystemCode(error);
  if (code) Object.assign(copy, { code });
  return copy;
}

function describeNonJson(text: string): string {
  if (text.trim() === '') return 'the body is empty';
  if (/^\s*</.test(text)) return 'the body is HTML, not JSON';
  return 'the body is not JSON';
}
