/**
 * Benchmarks measure, they do not assert. Each `*.bench.ts` file (under `packages/<pkg>/bench/`
 * or `scripts/bench/`) default-exports a {@link BenchSuite}; `pnpm bench` runs them all and
 * prints every figure beside its baseline and target, in one table.
 */
export interface BenchRow {
  /** What was measured, e.g. "planner 100k items". */
  case: string;
  /** Metric name, e.g. "wall time", "peak RSS", "requests", "jobs/s". */
  metric: string;
  value: number;
  /** "ms", "MB", "req", "jobs/s", … */
  unit: string;
  /** The figure to compare with, measured in the same run where possible. */
  baseline?: { label: string; value: number };
  /** The target from the issue, as text (e.g. "≤ 3000 ms"). */
  target?: string;
  /** Whether the target was met, when there is one. */
  met?: boolean;
}

export interface BenchContext {
  /** Scale factor (1 = the sizes); `BENCH_SCALE=0.1 pnpm bench` for a quick run. */
  scale: number;
  log(message: string): void;
}

export interface BenchSuite {
  name: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
