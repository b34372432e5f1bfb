/** The timers {@link settledWithin} waits with (the global ones unless replaced). */
export interface DeadlineTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const globalTimers: DeadlineTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Waits for `work` to settle (resolve or reject) for at most `timeoutMs`: `true` when it
 * settled in time, `false` when the time ran out first (`work` goes on). It is how every queue
 * adapter's `close({ timeoutMs })` waits for its in-flight handlers before giving up on them.
 *
 * @param timers - where to schedule the deadline (a test injects manual timers)
 * @example
 * ```ts
 * if (!(await settledWithin(consumer.pqueue.onIdle(), timeoutMs)))
 *   logger.warn('Job queue closed with jobs still running');
 * ```
 */
export async function settledWithin(
  work: Promise<unknown>,
  timeoutMs: number,
  timers: DeadlineTimers = globalTimers,
): Promise<boolean> {
  let handle: unknown;
  const deadline = new Promise<false>((resolve) => {
    handle = timers.setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      deadline,
    ]);
  } finally {
    timers.clearTimeout(handle);
  }
}
