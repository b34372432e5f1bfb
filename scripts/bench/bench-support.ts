// Helpers shared by the `*.bench.ts` suites (imported as `../../../scripts/bench/bench-support.js`).
import { loadavg } from 'node:os';

/**
 * Samples the resident set size every `intervalMs` while a run is going; `stop()` returns the
 * largest sample (taking one last sample first), in bytes.
 */
export function rssSampler(intervalMs = 100): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/** The 1, 5 and 15 minute load averages, two decimals each, for a log line: "0.52 0.61 0.70". */
export function loadAverageText(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/** Bytes as megabytes (MiB) with one decimal. */
export function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/**
 * The nearest-rank percentile `p` (0–100) of ascending `sorted` values; `NaN` for an empty
 * list (no measurement is not a fast one).
 */
export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}
