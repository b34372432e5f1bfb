import type {
  BalanceFaultKind,
  BalanceFaultOptions,
  BalanceWriteInfo,
  DowntimeFault,
  FaultScope,
  FaultTrigger,
} from './fault-options.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/**
 * Runtime control of fault injection (`sim.faults`).
 *
 * @example
 * ```ts
 * sim.faults.set({ serverError: { status: 503, times: 2 } });
 * sim.faults.active.serverError?.times; // 2, then 1, then gone
 * sim.faults.clear('serverError');
 * sim.faults.clear(); // everything
 * ```
 */
export interface BalanceFaultController {
  /**
   * Adds or replaces faults: every kind given replaces the current fault of that kind (with
   * a fresh `times` counter); kinds not given stay as they are. `seed` re-seeds the PRNG.
   */
  set(faults: BalanceFaultOptions): void;
  /** Removes the given kinds, or every fault when called without arguments. */
  clear(...kinds: BalanceFaultKind[]): void;
  /** The faults currently active; `times` shows how many firings are left. */
  readonly active: Readonly<BalanceFaultOptions>;
}

/**
 * What a fault decision looks at.
 *
 * @example
 * ```ts
 * const context: FaultContext = { method: 'PUT', template: 'Sale' };
 * ```
 */
export interface FaultContext {
  method: string;
  template: string | undefined;
}

type ActiveFaults = Omit<BalanceFaultOptions, 'seed'>;

/**
 * Decides, request by request, which faults fire. Deterministic for a given seed and
 * request sequence.
 *
 * @example
 * ```ts
 * const faults = new FaultInjector({ serverError: { times: 1 } }, 1, () => Date.now());
 * faults.fire('serverError', { method: 'GET', template: 'Items' }); // the fault, once
 * ```
 */
export class FaultInjector implements BalanceFaultController {
  private faults: ActiveFaults = {};
  private random: SeededRandom;
  private downUntil: number | undefined;

  constructor(
    initial: BalanceFaultOptions | undefined,
    private readonly defaultSeed: number,
    private readonly nowMs: () => number,
  ) {
    this.random = createSeededRandom(defaultSeed);
    this.reset(initial);
  }

  /** Back to the given faults and a freshly seeded PRNG. */
  reset(initial: BalanceFaultOptions | undefined): void {
    this.faults = {};
    this.downUntil = undefined;
    this.random = createSeededRandom(initial?.seed ?? this.defaultSeed);
    if (initial) this.set(initial);
  }

  set(faults: BalanceFaultOptions): void {
    const { seed, ...kinds } = faults;
    if (seed !== undefined) this.random = createSeededRandom(seed);
    for (const [kind, fault] of Object.entries(kinds) as [BalanceFaultKind, FaultTrigger][]) {
      if (fault === undefined) continue;
      if (fault.times !== undefined && fault.times <= 0) {
        delete this.faults[kind];
        continue;
      }
      (this.faults as Record<string, unknown>)[kind] = { ...fault };
      if (kind === 'down') {
        const { forMs } = fault as DowntimeFault;
        this.downUntil = forMs === undefined ? undefined : this.nowMs() + forMs;
      }
    }
  }

  clear(...kinds: BalanceFaultKind[]): void {
    if (kinds.length === 0) {
      this.faults = {};
      this.downUntil = undefined;
      return;
    }
    for (const kind of kinds) delete this.faults[kind];
    if (kinds.includes('down')) this.downUntil = undefined;
  }

  get active(): Readonly<BalanceFaultOptions> {
    return structuredCloneShallow(this.faults);
  }

  /** Milliseconds to wait before answering (0 without a matching latency fault). */
  latencyMs(context: FaultContext): number {
    const latency = this.faults.latency;
    if (!latency || !inScope(latency, context)) return 0;
    if (typeof latency.ms === 'number') return Math.max(0, latency.ms);
    return this.random.integer(Math.max(0, latency.ms.min), Math.max(0, latency.ms.max));
  }

  /** The downtime fault when the service is down for this request. */
  down(context: FaultContext): DowntimeFault | undefined {
    const down = this.faults.down;
    if (!down) return undefined;
    if (this.downUntil !== undefined && this.nowMs() >= this.downUntil) {
      delete this.faults.down;
      this.downUntil = undefined;
      return undefined;
    }
    return inScope(down, context) ? down : undefined;
  }

  /**
   * Whether a discrete fault fires for this request; consumes one of its `times` when it
   * does. `write` is checked against `dropResponseAfterWrite.match`.
   */
  fire<K extends Exclude<BalanceFaultKind, 'latency' | 'down'>>(
    kind: K,
    context: FaultContext,
    write?: BalanceWriteInfo,
  ): NonNullable<BalanceFaultOptions[K]> | undefined {
    const fault = this.faults[kind] as
      | (FaultTrigger & NonNullable<BalanceFaultOptions[K]>)
      | undefined;
    if (!fault || !inScope(fault, context)) return undefined;
    if (kind === 'dropResponseAfterWrite') {
      const match = (fault as { match?: (write: BalanceWriteInfo) => boolean }).match;
      if (!write || (match && !match(write))) return undefined;
    }
    if (fault.probability !== undefined && this.random.next() >= fault.probability) {
      return undefined;
    }
    if (fault.times !== undefined) {
      if (fault.times <= 1) delete this.faults[kind];
      else fault.times -= 1;
    }
    return fault;
  }
}

function inScope(scope: FaultScope, context: FaultContext): boolean {
  if (scope.methods && !scope.methods.some((m) => m.toUpperCase() === context.method)) {
    return false;
  }
  if (scope.templates) {
    if (context.template === undefined || !scope.templates.includes(context.template)) {
      return false;
    }
  }
  return true;
}

function structuredCloneShallow(faults: ActiveFaults): BalanceFaultOptions {
  const copy: Record<string, unknown> = {};
  for (const [kind, fault] of Object.entries(faults)) {
    if (fault) copy[kind] = { ...fault };
  }
  return copy as BalanceFaultOptions;
}
