/**
 * The `balance-woo` command line: every engine operation with `--json` and `--help`, the web
 * host (`serve`), the worker (`worker`) and the embedded demo (`demo`). `runCli` runs it
 * programmatically.
 *
 * @packageDocumentation
 */

export type { CliIo, CliWritable } from './cli-io.js';
export {
  DEMO_STORE_ID,
  type DemoEnvironment,
  type DemoEnvironmentOptions,
  startDemoEnvironment,
} from './demo/demo-environment.js';
export { CLI_EXIT_CODES, type CliExitCode } from './exit-codes.js';
export { type RunCliOptions, runCli } from './run-cli.js';
