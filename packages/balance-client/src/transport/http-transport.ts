import ky, { isNetworkError } from 'ky';
import type { BalanceRuntime } from '../client/balance-runtime.js';
import type { BalanceError, BalanceRequestInfo } from '../errors/balance-error.js';
import { BalanceHttpError } from '../errors/balance-http-error.js';
import { BalanceTimeoutError } from '../errors/balance-timeout-error.js';
import type { BalanceEventEmitter } from '../events/balance-events.js';
import type { Redactor } from '../redaction/redactor.js';
import { parseRetryAfter } from '../retry/retry-after.js';
import {
  type BalanceRetryOptions,
  type ResolvedRetryOptions,
  resolveRetryOptions,
} from '../retry/retry-options.js';
import { computeRetryDelay, isRetryableRequest } from '../retry/retry-policy.js';
import { type CloudSegment, type EndpointResolver, otherSegment } from './endpoint-resolver.js';
import { createHttpError, createNetworkError } from './error-factory.js';
import type { BalanceFetch } from './fetch-like.js';
import { parseJsonPreservingDecimals } from './parse-json.js';
import { checkSuccessBody } from './success-body.js';
import type { BalanceTransport, TransportRequest, TransportResponse } from './transport.js';

/** Everything the HTTP transport needs; `authorization` stays inside this closure. */
export interface HttpTransportConfig {
  readonly endpoints: EndpointResolver;
  readonly authorization: string;
  readonly fetch: BalanceFetch;
  readonly dispatcher: unknown;
  readonly timeoutMs: number;
  readonly retry: BalanceRetryOptions | false;
  readonly runtime: BalanceRuntime;
  readonly events: BalanceEventEmitter;
  readonly redactor: Redactor;
  readonly logBodies: boolean;
}

type AttemptResult =
  | { readonly kind: 'response'; readonly response: Response; readonly text: string }
  | { readonly kind: 'error'; readonly error: BalanceError };

const TIMEOUT = Symbol('balance-timeout');

/** Creates the transport that really talks to Balance (retries, segment fallback, events). */
export function createHttpTransport(config: HttpTransportConfig): BalanceTransport {
  const { endpoints, runtime, events, redactor } = config;
  const api = ky.create({
    // Retries, timeouts and HTTP errors are handled below, where the policy is explicit.
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    fetch: config.fetch,
  });

  async function attempt(
    request: TransportRequest,
    url: string,
    info: BalanceRequestInfo,
    timeoutMs: number,
  ): Promise<AttemptResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMEOUT), timeoutMs);
    const callerSignal = request.call?.signal;
    const signal = callerSignal
      ? AbortSignal.any([callerSignal, controller.signal])
      : controller.signal;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: config.authorization,
    };
    // No Content-Type on GET: some WAFs in front of Balance answer 403 to it.
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const response = await api(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
        ...(config.dispatcher === undefined
          ? {}
          : { dispatcher: config.dispatcher as NonNullable<RequestInit['dispatcher']> }),
      });
      const text = await response.text();
      return { kind: 'response', response, text };
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (controller.signal.aborted) {
        return {
          kind: 'error',
          error: new BalanceTimeoutError(
            `Balance ${info.method} ${info.template} did not answer within ${timeoutMs} ms`,
            { request: info, timeoutMs },
          ),
        };
      }
      if (isNetworkError(error) || isRawFetchFailure(error)) {
        return { kind: 'error', error: createNetworkError(error, info, redactor) };
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function execute(request: TransportRequest): Promise<TransportResponse> {
    const requestId = runtime.requestId();
    const retry: ResolvedRetryOptions = resolveRetryOptions(config.retry, request.call?.retry);
    const timeoutMs = request.call?.timeoutMs ?? config.timeoutMs;
    const retryableRequest = isRetryableRequest(request.method, request.body);
    const startedAt = runtime.now();
    const base = { requestId, method: request.method, template: request.template };
    let segment: CloudSegment | undefined = endpoints.segmentFor(request.template);
    let segmentSwitched = false;
    let retriesDone = 0;

    for (let attemptNumber = 1; ; attemptNumber += 1) {
      const url = endpoints.url(request.template, request.query, segment);
      const info: BalanceRequestInfo = { ...base, url, attempts: attemptNumber };
      events.emit('request', {
        ...base,
        url,
        attempt: attemptNumber,
        ...(config.logBodies && request.body !== undefined
          ? { body: redactor.value(request.body) }
          : {}),
      });
      const attemptStart = runtime.now();
      const result = await attempt(request, url, info, timeoutMs);
      let error: BalanceError;
      let retryAfterMs: number | undefined;
      if (result.kind === 'response') {
        const { response, text } = result;
        const parsed = parseBody(text);
        events.emit('response', {
          ...base,
          url,
          attempt: attemptNumber,
          status: response.status,
          durationMs: runtime.now() - attemptStart,
          ...(config.logBodies ? { body: redactor.value(parsed.isJson ? parsed.body : text) } : {}),
        });
        if (
          response.status === 403 &&
          segment !== undefined &&
          endpoints.segmentFallback &&
          !segmentSwitched
        ) {
          // Cloud tenants publish some objects only under sm/a (or sm/o): try the other once.
          segmentSwitched = true;
          events.emit('retry', {
            ...base,
            url,
            attempt: attemptNumber,
            delayMs: 0,
            reason: 'segment',
            status: 403,
          });
          segment = otherSegment(segment);
          continue;
        }
        if (segmentSwitched && segment !== undefined && response.status !== 403) {
          endpoints.remember(request.template, segment);
        }
        // A 2xx that is not Balance's answer (an empty or cut-off read, a write answered with
        // anything but JSON) is an error, not a success: retried below like a network error
        // when the request may be repeated (see checkSuccessBody).
        const bodyError =
          response.ok && !request.rawBody
            ? checkSuccessBody({
                request: info,
                status: response.status,
                text,
                isJson: parsed.isJson,
                retryableRequest,
                redactor,
              })
            : undefined;
        if (bodyError !== undefined) {
          error = bodyError;
        } else if (response.ok || request.acceptStatuses?.includes(response.status)) {
          return {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers,
            text,
            body: parsed.body,
            isJson: parsed.isJson,
            request: info,
          };
        } else {
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), runtime.now());
          error = createHttpError({
            status: response.status,
            statusText: response.statusText,
            text,
            request: info,
            retryable: retry.statusCodes.includes(response.status),
            businessErrorPatterns: retry.businessErrorPatterns,
            redactor,
            retryAfterMs,
          });
        }
      } else {
        error = result.error;
      }

      if (error.retryable && retryableRequest && retriesDone < retry.limit) {
        const delayMs = computeRetryDelay(retriesDone, retryAfterMs, retry, runtime.random);
        events.emit('retry', {
          ...base,
          url,
          attempt: attemptNumber,
          delayMs,
          reason:
            error instanceof BalanceHttpError
              ? 'status'
              : error instanceof BalanceTimeoutError
                ? 'timeout'
                : result.kind === 'response'
                  ? 'response'
                  : 'network',
          ...(result.kind === 'response' ? { status: result.response.status } : {}),
        });
        retriesDone += 1;
        await runtime.sleep(delayMs, request.call?.signal);
        continue;
      }
      events.emit('error', {
        ...base,
        url,
        attempts: attemptNumber,
        durationMs: runtime.now() - startedAt,
        errorName: error.name,
        code: error.code,
        message: error.message,
        ...(result.kind === 'response' ? { status: result.response.status } : {}),
      });
      throw error;
    }
  }

  return {
    dryRun: false,
    read: (request) => execute(request),
    write: async (request) => ({ dryRun: false, response: await execute(request) }),
    urlFor: (request) => endpoints.url(request.template, request.query),
  };
}

function parseBody(text: string): { body: unknown; isJson: boolean } {
  if (text.trim() === '') return { body: undefined, isJson: false };
  try {
    return { body: parseJsonPreservingDecimals(text), isJson: true };
  } catch {
    return { body: undefined, isJson: false };
  }
}

// A fetch that fails without ky's network-error heuristics recognising it (custom fetch).
function isRawFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && error.cause instanceof Error;
}
