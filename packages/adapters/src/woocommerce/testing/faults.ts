/**
 * Fault injection: what real hosts, proxies and PHP do to WooCommerce traffic. Rules are
 * deterministic (counted per matching request; probabilities use the seeded generator).
 */
import type { SeededRandom } from './random.js';

/**
 * Which requests a fault applies to.
 *
 * @example
 * const match: FaultMatch = { method: 'POST', path: '/products/batch' };
 */
export interface FaultMatch {
  /** HTTP method(s), case-insensitive. */
  method?: string | readonly string[];
  /**
   * Route under `/wp-json/wc/v3` (`/products/batch`), with `*` wildcards (`/orders*`), or a
   * RegExp tested against that route and against the full path.
   */
  path?: string | RegExp;
}

/**
 * A fault and what it does.
 *
 * - `latency`: waits `ms` before handling (combines with other faults).
 * - `host-error`: the host/WAF answers `status` (429, 503, 403, …) with an empty or HTML body
 *   and `Retry-After` (seconds; `null` omits the header); WooCommerce never runs.
 * - `rate-limit` / `unavailable`: shorthands for `host-error` 429 / 503.
 * - `downtime`: `host-error` (503 by default) while the simulator clock is in
 *   `[from, until)`; `Retry-After` counts down to `until`.
 * - `server-error`: HTTP 500 with a WooCommerce/WordPress JSON body; nothing is applied.
 * - `php-notice`: a PHP notice printed before the JSON body (status unchanged).
 * - `cut-off-batch`: a batch applies `afterItems` items, then the connection dies (no
 *   response, socket destroyed).
 * - `lose-response`: the request is fully applied, then the connection dies.
 * - `drop-connection`: the connection dies before anything is applied.
 * - `oversized-headers`: response headers grow past `bytes` (default 17 KiB), which Node's
 *   HTTP client rejects ("Header overflow").
 *
 * @example
 * sim.faults.set([
 *   { type: 'rate-limit', retryAfter: 2, times: 1 },
 *   { type: 'cut-off-batch', afterItems: 40, match: { path: '/products/batch' } },
 * ]);
 */
export type FaultSpec =
  | { type: 'latency'; ms: number }
  | {
      type: 'host-error';
      status: number;
      body?: 'empty' | 'html';
      retryAfter?: number | string | null;
    }
  | { type: 'rate-limit'; body?: 'empty' | 'html'; retryAfter?: number | string | null }
  | { type: 'unavailable'; body?: 'empty' | 'html'; retryAfter?: number | string | null }
  | {
      type: 'downtime';
      from: Date | number | string;
      until: Date | number | string;
      status?: number;
      body?: 'empty' | 'html';
    }
  | { type: 'server-error'; code?: string; message?: string; data?: unknown }
  | { type: 'php-notice'; notice?: string }
  | { type: 'cut-off-batch'; afterItems: number }
  | { type: 'lose-response' }
  | { type: 'drop-connection' }
  | { type: 'oversized-headers'; bytes?: number };

/**
 * A fault with its scope and count.
 *
 * @example
 * const rule: FaultRule = { type: 'unavailable', times: 2, skip: 1, match: { method: 'GET' } };
 */
export type FaultRule = FaultSpec & {
  /** Requests it applies to (default: every REST request). */
  match?: FaultMatch;
  /** Apply to at most this many matching requests (default: unlimited). */
  times?: number;
  /** Let this many matching requests pass first. */
  skip?: number;
  /** Apply with this probability (seeded, so runs repeat). */
  probability?: number;
  /** Name shown in the request log. */
  label?: string;
};

/**
 * An installed rule and its counters.
 *
 * @example
 * const [active] = sim.faults.list();
 * active?.hits; // requests it was applied to
 */
export interface ActiveFault {
  readonly rule: FaultRule;
  /** Matching requests seen. */
  seen: number;
  /** Requests the fault was applied to. */
  hits: number;
}

/**
 * Fault controls, available as `sim.faults`.
 *
 * @example
 * sim.faults.add({ type: 'server-error', times: 1, match: { path: '/orders/*' } });
 * sim.faults.clear();
 */
export interface FaultControls {
  /** Replaces all rules. */
  set(rules: FaultRule | readonly FaultRule[]): void;
  /** Adds a rule and returns its live counters. */
  add(rule: FaultRule): ActiveFault;
  /** Removes every rule. */
  clear(): void;
  /** Installed rules with their counters. */
  list(): readonly ActiveFault[];
}

/** What the faults decided for one request. */
export interface FaultPlan {
  latencyMs: number;
  /** A response that replaces WooCommerce entirely. */
  hostError: { status: number; body: 'empty' | 'html'; retryAfter: string | null } | null;
  serverError: { code: string; message: string; data: unknown } | null;
  dropConnection: boolean;
  loseResponse: boolean;
  cutOffAfter: number | null;
  phpNotice: string | null;
  oversizedHeaders: number | null;
  labels: string[];
}

const DEFAULT_NOTICE =
  '<br />\n<b>Deprecated</b>:  Function wc_get_product_terms is <strong>deprecated</strong> since version 9.2.0! ' +
  'Use wc_get_product_terms_v2() instead. in <b>/var/www/html/wp-includes/functions.php</b> on line <b>6121</b><br />\n';

function toMs(value: Date | number | string): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return Date.parse(value);
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** Installed fault rules of one simulator. */
export class FaultInjector implements FaultControls {
  private rules: ActiveFault[] = [];
  private readonly random: SeededRandom;

  constructor(random: SeededRandom, initial: readonly FaultRule[] = []) {
    this.random = random;
    this.set(initial);
  }

  set(rules: FaultRule | readonly FaultRule[]): void {
    const list = Array.isArray(rules) ? (rules as readonly FaultRule[]) : [rules as FaultRule];
    this.rules = list.map((rule) => ({ rule, seen: 0, hits: 0 }));
  }

  add(rule: FaultRule): ActiveFault {
    const active: ActiveFault = { rule, seen: 0, hits: 0 };
    this.rules.push(active);
    return active;
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly ActiveFault[] {
    return this.rules;
  }

  private matches(rule: FaultRule, method: string, route: string, fullPath: string): boolean {
    const m = rule.match;
    if (rule.type === 'cut-off-batch' && !/\/batch$/.test(route)) return false;
    if (!m) return true;
    if (m.method !== undefined) {
      const methods = (typeof m.method === 'string' ? [m.method] : m.method).map((x) =>
        x.toUpperCase(),
      );
      if (!methods.includes(method)) return false;
    }
    if (m.path !== undefined) {
      if (m.path instanceof RegExp) {
        if (!m.path.test(route) && !m.path.test(fullPath)) return false;
      } else {
        const re = globToRegExp(m.path);
        if (!re.test(route) && !re.test(fullPath) && !re.test(`/wc/v3${route}`)) return false;
      }
    }
    return true;
  }

  /**
   * Decides the faults of a request. `route` is the path under `/wp-json/wc/v3`,
   * `fullPath` the URL path; `nowMs` the simulator clock.
   */
  plan(method: string, route: string, fullPath: string, nowMs: number): FaultPlan {
    const plan: FaultPlan = {
      latencyMs: 0,
      hostError: null,
      serverError: null,
      dropConnection: false,
      loseResponse: false,
      cutOffAfter: null,
      phpNotice: null,
      oversizedHeaders: null,
      labels: [],
    };
    for (const active of this.rules) {
      const { rule } = active;
      if (!this.matches(rule, method, route, fullPath)) continue;
      if (rule.type === 'downtime') {
        const from = toMs(rule.from);
        const until = toMs(rule.until);
        if (!(nowMs >= from && nowMs < until)) continue;
      }
      active.seen++;
      if (rule.skip !== undefined && active.seen <= rule.skip) continue;
      if (rule.times !== undefined && active.hits >= rule.times) continue;
      if (rule.probability !== undefined && this.random.next() >= rule.probability) continue;
      active.hits++;
      plan.labels.push(rule.label ?? rule.type);
      switch (rule.type) {
        case 'latency':
          plan.latencyMs += rule.ms;
          break;
        case 'host-error':
          plan.hostError ??= {
            status: rule.status,
            body: rule.body ?? 'html',
            retryAfter: rule.retryAfter === null ? null : String(rule.retryAfter ?? 1),
          };
          break;
        case 'rate-limit':
        case 'unavailable':
          plan.hostError ??= {
            status: rule.type === 'rate-limit' ? 429 : 503,
            body: rule.body ?? 'html',
            retryAfter: rule.retryAfter === null ? null : String(rule.retryAfter ?? 1),
          };
          break;
        case 'downtime':
          plan.hostError ??= {
            status: rule.status ?? 503,
            body: rule.body ?? 'html',
            retryAfter: String(Math.max(1, Math.ceil((toMs(rule.until) - nowMs) / 1000))),
          };
          break;
        case 'server-error':
          plan.serverError ??= {
            code: rule.code ?? 'internal_server_error',
            message:
              rule.message ??
              '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
            data: rule.data ?? { status: 500 },
          };
          break;
        case 'php-notice':
          plan.phpNotice = (plan.phpNotice ?? '') + (rule.notice ?? DEFAULT_NOTICE);
          break;
        case 'cut-off-batch':
          plan.cutOffAfter =
            plan.cutOffAfter === null
              ? rule.afterItems
              : Math.min(plan.cutOffAfter, rule.afterItems);
          break;
        case 'lose-response':
          plan.loseResponse = true;
          break;
        case 'drop-connection':
          plan.dropConnection = true;
          break;
        case 'oversized-headers':
          plan.oversizedHeaders = Math.max(plan.oversizedHeaders ?? 0, rule.bytes ?? 17 * 1024);
          break;
      }
    }
    return plan;
  }
}

/** The HTML page a host or WAF answers with. */
export function hostErrorPage(status: number): string {
  const titles: Record<number, string> = {
    403: '403 Forbidden',
    429: '429 Too Many Requests',
    500: '500 Internal Server Error',
    502: '502 Bad Gateway',
    503: '503 Service Temporarily Unavailable',
    504: '504 Gateway Time-out',
  };
  const title = titles[status] ?? `${status} Error`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
