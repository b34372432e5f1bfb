import type { BalanceFaultKind } from './fault-options.js';

/**
 * One request the simulator received, recorded when it was answered (in completion order).
 * Passwords and Authorization headers are never recorded.
 *
 * @example
 * ```ts
 * expect(sim.requests.map((r) => `${r.method} ${r.template} ${r.status}`)).toEqual([
 *   'GET Items 200',
 *   'PUT Sale 200',
 * ]);
 * ```
 */
export interface BalanceRequestLogEntry {
  /** 1-based sequence number in arrival order. */
  seq: number;
  /** Arrival time from the simulator clock (ISO 8601). */
  at: string;
  method: string;
  /** URL template as requested (`undefined` when the path is not an Exchange URL). */
  template: string | undefined;
  /** URL path, e.g. `/sm/o/Balance/7596/hs/Exchange/Items`. */
  path: string;
  /** Query parameters (last value wins). */
  query: Record<string, string>;
  /** Status answered, or `'network-error'` when the connection was reset / dropped. */
  status: number | 'network-error';
  /** Basic-auth user name sent, if any. */
  authUser: string | undefined;
  /** Parsed JSON body of a write (the raw text when it was not JSON). */
  body?: unknown;
  /** The fault that shaped the answer, if one fired. */
  fault?: BalanceFaultKind;
  /** URL shape of an Exchange URL. */
  shape?: 'cloud' | 'onprem';
  /** Cloud segment (`o` / `a`) of a cloud URL. */
  segment?: 'o' | 'a';
}
