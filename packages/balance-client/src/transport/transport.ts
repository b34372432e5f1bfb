import type { BalanceCallOptions } from '../client/call-options.js';
import type { BalanceRequestInfo } from '../errors/balance-error.js';
import type { BalanceHttpMethod } from '../retry/retry-policy.js';
import type { BalanceQuery } from './query-string.js';

/** One logical call, before URLs, headers and retries are applied. */
export interface TransportRequest {
  readonly method: BalanceHttpMethod;
  readonly template: string;
  readonly query?: BalanceQuery | undefined;
  /** JSON array sent as the body of writes. */
  readonly body?: readonly unknown[] | undefined;
  readonly call?: BalanceCallOptions | undefined;
  /** Non-2xx statuses that are a normal answer for this call (e.g. 404 "no match"). */
  readonly acceptStatuses?: readonly number[] | undefined;
  /**
   * The caller reads the body itself (raw requests), so a 2xx is returned whatever it holds.
   * Otherwise a 2xx must carry Balance's JSON: an empty or cut-off body of a read, and an
   * empty, cut-off or non-JSON answer to a write, is raised as an error (and retried when the
   * request may be repeated) instead of being returned (see `checkSuccessBody`).
   */
  readonly rawBody?: boolean | undefined;
}

/** A response that was accepted (2xx, or a status listed in `acceptStatuses`). */
export interface TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /** Raw body text. */
  readonly text: string;
  /** Parsed JSON body; `undefined` when empty or not JSON (see `isJson`). */
  readonly body: unknown;
  /** Whether `text` was valid JSON. */
  readonly isJson: boolean;
  readonly request: BalanceRequestInfo;
}

/** A write captured by dry run instead of being sent. */
export interface DryRunCapture {
  readonly dryRun: true;
  readonly method: BalanceHttpMethod;
  readonly template: string;
  readonly url: string;
  readonly body: readonly unknown[];
  readonly requestId: string;
}

/** What a write produced: a response, or a dry-run capture. */
export type WriteOutcome =
  | { readonly dryRun: false; readonly response: TransportResponse }
  | DryRunCapture;

/**
 * Moves requests to Balance. The HTTP transport sends everything; the dry-run transport
 * sends reads and captures writes. Resources only talk to this interface, so dry run is an
 * adapter, not a flag checked all over the code.
 */
export interface BalanceTransport {
  readonly dryRun: boolean;
  read(request: TransportRequest): Promise<TransportResponse>;
  write(request: TransportRequest): Promise<WriteOutcome>;
  /** URL a request would use (for reports and dry run). */
  urlFor(request: Pick<TransportRequest, 'template' | 'query'>): string;
}
