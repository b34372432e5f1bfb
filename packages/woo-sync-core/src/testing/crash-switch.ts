/**
 * Thrown by a port wrapped with {@link CrashSwitch.wrap} when the simulated process "dies":
 * at the armed call, and at every call after it (a dead process makes no further calls).
 *
 * @example
 * ```ts
 * await expect(orders.exportOrder(request)).rejects.toBeInstanceOf(SimulatedCrash);
 * ```
 */
export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
  /** The call the process died at, e.g. `store.ledger.update`. */
  readonly step: string;

  constructor(step: string) {
    super(`Simulated crash at ${step}`);
    this.step = step;
  }
}

/**
 * Where the armed crash happens relative to the call: `before` it reaches the port (the
 * effect never happens), or `after` it completed (the effect happened, the caller never
 * learns — a lost response).
 */
export type CrashPoint = 'before' | 'after';

/**
 * Simulates a process crash at a chosen step boundary without hooks in production code:
 * wrap the ports (`SyncStore`, `BalanceClient`, `WooCommercePort`, `JobQueue`) with
 * {@link CrashSwitch.wrap}; every method call through a wrapper is one step, counted across
 * all wrappers in call order. `arm(n, point)` makes the n-th step crash `before` or `after`
 * it runs, and every later call fail too (the process is dead). "Restart" by building a fresh
 * service on the unwrapped ports.
 *
 * Methods are called with the real object as `this`, so classes with private fields work.
 *
 * @example
 * ```ts
 * const crash = new CrashSwitch();
 * const service = createOrderExportService(createEngineContext({
 *   config, balance: crash.wrap(balance, 'balance'), woo: crash.wrap(woo, 'woo'),
 *   store: crash.wrap(store, 'store'),
 * }));
 * crash.arm(7, 'after');
 * await expect(service.exportOrder(request)).rejects.toBeInstanceOf(SimulatedCrash);
 * ```
 */
export class CrashSwitch {
  #steps: string[] = [];
  #armedAt: number | undefined;
  #point: CrashPoint = 'before';
  #crashed: SimulatedCrash | undefined;
  readonly #include: (path: string) => boolean;

  /** @param include - which calls count as steps (by path, e.g. `balance.sales.upsert`); default all. */
  constructor(include: (path: string) => boolean = () => true) {
    this.#include = include;
  }

  /** The steps made so far, in call order (`store.ledger.insert`, `balance.sales.upsert`, …). */
  get steps(): readonly string[] {
    return this.#steps;
  }

  /** The crash, once it happened. */
  get crashed(): SimulatedCrash | undefined {
    return this.#crashed;
  }

  /** Crashes at the `step`-th counted call from now (1 = the next one). */
  arm(step: number, point: CrashPoint = 'before'): void {
    this.#steps = [];
    this.#armedAt = step;
    this.#point = point;
    this.#crashed = undefined;
  }

  /** Counts steps without crashing (to learn how many steps a run has). */
  disarm(): void {
    this.#steps = [];
    this.#armedAt = undefined;
    this.#crashed = undefined;
  }

  /** A wrapper of `target` whose method calls (at any depth) are counted steps. */
  wrap<T extends object>(target: T, name: string): T {
    return this.#proxy(target, name);
  }

  #proxy<T extends object>(target: T, path: string): T {
    // The proxy's own target is a blank stand-in, so frozen ports (whose properties may not be
    // reported as anything but themselves) can still hand out wrapped members.
    const standIn = Object.create(Object.getPrototypeOf(target)) as T;
    return new Proxy(standIn, {
      has: (_standIn, property) => Reflect.has(target, property),
      get: (_standIn, property) => {
        const value = Reflect.get(target, property, target);
        if (typeof property === 'symbol') return value;
        const childPath = `${path}.${property}`;
        if (typeof value === 'function') {
          return (...args: unknown[]) =>
            this.#call(childPath, () => Reflect.apply(value, target, args));
        }
        if (typeof value === 'object' && value !== null) return this.#proxy(value, childPath);
        return value;
      },
    });
  }

  #call(path: string, run: () => unknown): unknown {
    if (this.#crashed) throw new SimulatedCrash(path);
    if (!this.#include(path)) return run();
    this.#steps.push(path);
    const armed = this.#armedAt !== undefined && this.#steps.length === this.#armedAt;
    if (armed && this.#point === 'before') throw this.#crash(path);
    const result = run();
    if (!armed) return result;
    if (result instanceof Promise) {
      return result.then(
        () => {
          throw this.#crash(path);
        },
        () => {
          throw this.#crash(path);
        },
      );
    }
    throw this.#crash(path);
  }

  #crash(path: string): SimulatedCrash {
    this.#crashed = new SimulatedCrash(path);
    return this.#crashed;
  }
}
