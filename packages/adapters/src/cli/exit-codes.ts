/**
 * Exit codes of `balance-woo`:
 * - `0` — success;
 * - `1` — the command ran but finished with failures (a document Balance refused, items that
 *   failed to import, a reconciliation that found problems, a connection test that failed,
 *   a service that could not be reached);
 * - `2` — bad usage or configuration (unknown verb or flag, missing argument, invalid
 *   configuration file or environment variable, unknown store).
 *
 * @example
 * ```sh
 * balance-woo reconcile --from 2026-11-01 --to 2026-11-30 --json || echo "exit $?"
 * ```
 */
export const CLI_EXIT_CODES = Object.freeze({
  success: 0,
  failures: 1,
  usage: 2,
} as const);

/**
 * One of {@link CLI_EXIT_CODES}.
 *
 * @example
 * ```ts
 * const code: CliExitCode = await runCli(['sweep']);
 * ```
 */
export type CliExitCode = (typeof CLI_EXIT_CODES)[keyof typeof CLI_EXIT_CODES];
