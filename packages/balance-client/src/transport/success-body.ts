import { BalanceEmptyResponseError } from '../errors/balance-empty-response-error.js';
import type { BalanceError, BalanceRequestInfo } from '../errors/balance-error.js';
import { BalanceTruncatedResponseError } from '../errors/balance-truncated-response-error.js';
import {
  BalanceUnexpectedWriteResponseError,
  type UnexpectedWriteResponseReason,
} from '../errors/balance-unexpected-write-response-error.js';
import { readErrorBody } from '../errors/read-error-body.js';
import { type Redactor, truncate } from '../redaction/redactor.js';

const SAMPLE_LENGTH = 300;
const TAIL_LENGTH = 120;

/** Whether `text` has nothing but whitespace. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/**
 * Whether `text` (which did not parse) is the beginning of a JSON array or object that
 * stops before its end: an unclosed `[`/`{` or an unterminated string. Malformed JSON that
 * is complete (closed brackets followed by garbage, a stray `]`) is not "truncated".
 *
 * @example
 * ```ts
 * looksTruncatedJson('[{"uid":"6f1c","Name":"ყავ'); // true
 * looksTruncatedJson('<html>…</html>');              // false
 * ```
 */
export function looksTruncatedJson(text: string): boolean {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body.startsWith('[') && !body.startsWith('{')) return false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const char of body) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') depth += 1;
    else if (char === ']' || char === '}') {
      depth -= 1;
      if (depth < 0) return false;
      if (depth === 0) return false; // complete value: anything wrong is not a cut
    }
  }
  return inString || depth > 0;
}

/** The read answered 2xx with no body. */
export function createEmptyResponseError(
  request: BalanceRequestInfo,
  status: number,
): BalanceEmptyResponseError {
  return new BalanceEmptyResponseError(
    `Balance ${request.method} ${request.template} answered HTTP ${status} with an empty body`,
    { request, status },
  );
}

/** The read answered 2xx with JSON that stops mid-way. */
export function createTruncatedResponseError(
  request: BalanceRequestInfo,
  status: number,
  text: string,
  redactor: Redactor,
): BalanceTruncatedResponseError {
  const receivedChars = text.length;
  return new BalanceTruncatedResponseError(
    `Balance ${request.method} ${request.template} answered HTTP ${status} with JSON that was cut off after ${receivedChars} characters`,
    { request, status, receivedChars, sample: tailSample(text, redactor) },
  );
}

/** The write answered 2xx with something that is not Balance's JSON. */
export function createUnexpectedWriteResponseError(input: {
  readonly request: BalanceRequestInfo;
  readonly status: number;
  readonly text: string;
  readonly reason: UnexpectedWriteResponseReason;
  /** Whether the request may be repeated safely (uid-keyed PUT). */
  readonly retryable: boolean;
  readonly redactor: Redactor;
}): BalanceUnexpectedWriteResponseError {
  const { request, status, text, reason, redactor } = input;
  const what =
    reason === 'empty'
      ? 'an empty body'
      : reason === 'truncated'
        ? `JSON that was cut off after ${text.length} characters`
        : `something that is not JSON: ${truncate(readErrorBody(redactor.text(text), 200).excerpt, 150)}`;
  return new BalanceUnexpectedWriteResponseError(
    `Balance ${request.method} ${request.template} answered HTTP ${status} with ${what}, so whether the write was applied is unknown`,
    {
      request,
      status,
      reason,
      retryable: input.retryable,
      sample:
        reason === 'truncated'
          ? tailSample(text, redactor)
          : truncate(redactor.text(text), SAMPLE_LENGTH),
    },
  );
}

/**
 * Checks the body of a 2xx answer to a typed call (one that expects Balance's JSON) and
 * returns the error to raise instead of taking it as success, or `undefined` when it is fine:
 *
 * - a read with an empty body → {@link BalanceEmptyResponseError} (retryable);
 * - a read whose JSON is cut off → {@link BalanceTruncatedResponseError} (retryable);
 *   other non-JSON reads are left to the schema check (a login page does not go away);
 * - a write whose answer is empty, cut off or not JSON →
 *   {@link BalanceUnexpectedWriteResponseError}: the outcome is unknown; retryable when the
 *   request may be repeated safely.
 */
export function checkSuccessBody(input: {
  readonly request: BalanceRequestInfo;
  readonly status: number;
  readonly text: string;
  readonly isJson: boolean;
  /** Whether the request may be repeated safely (GET, uid-keyed PUT). */
  readonly retryableRequest: boolean;
  readonly redactor: Redactor;
}): BalanceError | undefined {
  const { request, status, text, isJson, redactor } = input;
  if (isJson) return undefined;
  const blank = isBlank(text);
  if (request.method === 'GET') {
    if (blank) return createEmptyResponseError(request, status);
    if (looksTruncatedJson(text)) {
      return createTruncatedResponseError(request, status, text, redactor);
    }
    return undefined;
  }
  return createUnexpectedWriteResponseError({
    request,
    status,
    text,
    reason: blank ? 'empty' : looksTruncatedJson(text) ? 'truncated' : 'not-json',
    retryable: input.retryableRequest,
    redactor,
  });
}

function tailSample(text: string, redactor: Redactor): string {
  const redacted = redactor.text(text);
  return redacted.length <= TAIL_LENGTH ? redacted : `…${redacted.slice(-TAIL_LENGTH)}`;
}
