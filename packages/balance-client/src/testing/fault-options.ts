/**
 * Which requests a fault applies to. Omitted lists match everything. Template names are the
 * URL templates as requested (e.g. `Sale`, `SalesCredit`, `Items`).
 *
 * @example
 * ```ts
 * const scope: FaultScope = { templates: ['Sale'], methods: ['PUT'] };
 * ```
 */
export interface FaultScope {
  templates?: readonly string[];
  methods?: readonly string[];
}

/**
 * When a discrete fault fires. Without `times` or `probability` it fires on every matching
 * request until cleared; with `times` on the next N matching requests; with `probability`
 * on each matching request with that chance (drawn from the fault PRNG, so a given seed
 * repeats exactly); with both, randomly until it fired N times.
 *
 * @example
 * ```ts
 * const twice: FaultTrigger = { times: 2 };
 * const flaky: FaultTrigger = { probability: 0.3, templates: ['Items'] };
 * ```
 */
export interface FaultTrigger extends FaultScope {
  times?: number;
  probability?: number;
}

/**
 * Delay before answering: a fixed number of milliseconds or a uniform range.
 *
 * @example
 * ```ts
 * sim.faults.set({ latency: { ms: { min: 20, max: 80 } } });
 * ```
 */
export interface LatencyFault extends FaultScope {
  ms: number | { min: number; max: number };
}

/**
 * The service is down: every matching request gets a connection reset (HTTP server: the
 * socket is destroyed; msw / `sim.fetch`: a network error) or a 503 HTML page. Lasts until
 * cleared, or `forMs` milliseconds of the simulator clock from when it was set.
 *
 * @example
 * ```ts
 * sim.faults.set({ down: { answer: 'service-unavailable', forMs: 5_000 } });
 * ```
 */
export interface DowntimeFault extends FaultScope {
  answer?: 'connection-reset' | 'service-unavailable';
  forMs?: number;
}

/**
 * A 5xx answer (`{"Error":[…]}` JSON body). By default the request is not processed; with
 * `afterWrite` it is processed first (a write is stored) and the 5xx replaces the response,
 * like a gateway timing out on a request that did complete.
 *
 * @example
 * ```ts
 * sim.faults.set({ serverError: { status: 503, times: 2 } });
 * ```
 */
export interface ServerErrorFault extends FaultTrigger {
  /** Default 500. */
  status?: number;
  afterWrite?: boolean;
}

/**
 * A 429 Too Many Requests answer with a `Retry-After` header (seconds). The request is not
 * processed.
 *
 * @example
 * ```ts
 * sim.faults.set({ rateLimit: { retryAfterSeconds: 2, times: 1 } });
 * ```
 */
export interface RateLimitFault extends FaultTrigger {
  /** Default 1. */
  retryAfterSeconds?: number;
}

/**
 * An HTML error page from a proxy / IIS instead of JSON (any status, even 200). The request
 * is not processed unless `afterWrite` is set.
 *
 * @example
 * ```ts
 * sim.faults.set({ htmlErrorPage: { status: 502, times: 1 } });
 * ```
 */
export interface HtmlErrorPageFault extends FaultTrigger {
  /** Default 500. */
  status?: number;
  afterWrite?: boolean;
}

/**
 * The request is processed normally (writes are stored), then its body is replaced: with an
 * empty body (`emptyBody`, answered as 200) or with the first half of the JSON text
 * (`truncatedJson`, original status).
 *
 * @example
 * ```ts
 * sim.faults.set({ emptyBody: { times: 1 }, truncatedJson: { templates: ['Items'], times: 1 } });
 * ```
 */
export type BodyFault = FaultTrigger;

/**
 * What a write looked like, for {@link DropResponseAfterWriteFault.match}.
 *
 * @example
 * ```ts
 * const isBigSale = (write: BalanceWriteInfo) =>
 *   write.template === 'Sale' && write.documents.length > 1;
 * ```
 */
export interface BalanceWriteInfo {
  method: string;
  /** URL template as requested. */
  template: string;
  /** The parsed JSON array body. */
  documents: readonly unknown[];
}

/**
 * "Apply the write, then drop the response": a successful write (2xx) is stored, then the
 * connection is destroyed (HTTP server) or a network error is returned (msw / `sim.fetch`),
 * so the client cannot know the write happened.
 *
 * @example
 * ```ts
 * sim.faults.set({ dropResponseAfterWrite: { times: 1, match: (w) => w.template === 'Sale' } });
 * ```
 */
export interface DropResponseAfterWriteFault extends FaultTrigger {
  match?: (write: BalanceWriteInfo) => boolean;
}

/**
 * Every fault the simulator can inject. Give them at creation (`faults` option) or at run
 * time with `sim.faults.set(...)`.
 *
 * @example
 * ```ts
 * createBalanceSimulator({
 *   faults: { seed: 3, latency: { ms: 25 }, serverError: { probability: 0.1 } },
 * });
 * ```
 */
export interface BalanceFaultOptions {
  /** Seed of the fault PRNG (probabilities, latency ranges). Default: the seed's `prngSeed`. */
  seed?: number;
  latency?: LatencyFault;
  down?: DowntimeFault;
  serverError?: ServerErrorFault;
  rateLimit?: RateLimitFault;
  htmlErrorPage?: HtmlErrorPageFault;
  emptyBody?: BodyFault;
  truncatedJson?: BodyFault;
  dropResponseAfterWrite?: DropResponseAfterWriteFault;
}

/**
 * Name of a fault, as recorded in the request log's `fault` field.
 *
 * @example
 * ```ts
 * const kind: BalanceFaultKind = 'dropResponseAfterWrite';
 * ```
 */
export type BalanceFaultKind = Exclude<keyof BalanceFaultOptions, 'seed'>;
