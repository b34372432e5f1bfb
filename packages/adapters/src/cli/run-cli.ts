import { Command, CommanderError } from 'commander';
import type { SyncRuntimeOverrides } from '../runtime/sync-runtime.js';
import { CliContext } from './cli-context.js';
import { type CliIo, processIo } from './cli-io.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerHostCommands } from './commands/host-commands.js';
import { registerImportCommands } from './commands/import-commands.js';
import { registerOrderCommands } from './commands/order-commands.js';
import { registerQueueCommands } from './commands/queue-commands.js';
import { registerSweepAndReconcile } from './commands/sweep-reconcile-commands.js';
import { registerTestConnection } from './commands/test-connection-command.js';
import { CLI_EXIT_CODES, type CliExitCode } from './exit-codes.js';

/**
 * Options of {@link runCli}.
 *
 * @example
 * ```ts
 * await runCli(['test-connection', '--json'], { io: { env: { ...process.env, BALANCE_SYNC_STORE: 'main' } } });
 * ```
 */
export interface RunCliOptions {
  /** Streams, environment and working directory. @default the process's */
  io?: Partial<CliIo>;
  /** Passed to `createSyncRuntime` by every verb (tests inject clocks or ports here). */
  overrides?: SyncRuntimeOverrides;
}

const OVERVIEW = `
Verbs (each takes --config, --store, --json, --verbose and --help):
  test-connection                         check Balance and WooCommerce
  import-items [--dry-run] [--plan <h>]   import the catalog (plan → review → apply)
  import-stocks [--dry-run] [--plan <h>]  update stock of linked products only
  push-order <id> [--dry-run]             export one order (Sale + refunds)
  push-refund <orderId> [refundId]        export refunds as credit notes
  push-return-request <orderId> --line <sku>:<qty>…
  retry-document <key> / resend-document <key>
  sweep [--drain]                         queue exports of orders changed since the last sweep
  reconcile --from <day> --to <day>       store vs ledger vs Balance, with fixes
  queue list | retry <id> | retry-failed  the job queue
  serve                                   web host: webhooks + admin API (+ worker)
  worker                                  background worker: jobs + schedules
  demo                                    the whole story on simulators, no setup

Configuration: balance-sync.config.json (or .mjs / .ts) in the working directory, --config
<file>, or BALANCE_SYNC_CONFIG; every field can be overridden with BALANCE_SYNC_* variables,
and secrets can come from the environment or files (docs/configuration.md).

Exit codes:
  0  success
  1  finished with failures (refused documents, failed imports, problems found, unreachable services)
  2  bad usage or configuration

Examples:
  $ balance-woo demo
  $ balance-woo test-connection
  $ balance-woo import-items --dry-run
  $ balance-woo push-order 1042 --json
  $ balance-woo reconcile --from 2026-11-01 --to 2026-11-30`;

/** Builds the `balance-woo` program (commander) over a context. */
export function buildProgram(context: CliContext): Command {
  const program = new Command('balance-woo')
    .description('Balance (balance.ge) ↔ WooCommerce sync: imports, exports, queue, hosts')
    .addHelpText('after', OVERVIEW)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    });
  program.configureHelp({ sortSubcommands: false });
  registerTestConnection(program, context);
  registerImportCommands(program, context);
  registerOrderCommands(program, context);
  registerSweepAndReconcile(program, context);
  registerQueueCommands(program, context);
  registerHostCommands(program, context);
  registerDemoCommand(program, context);
  const exitOverride = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({
        writeOut: (text) => context.io.stdout.write(text),
        writeErr: (text) => context.io.stderr.write(text),
      });
      sub.showHelpAfterError('(run with --help for usage)');
      exitOverride(sub);
    }
  };
  exitOverride(program);
  return program;
}

/**
 * Runs `balance-woo` with the given arguments (without `node` and the script) and resolves to
 * the exit code: 0 success, 1 finished with failures, 2 bad usage or configuration.
 *
 * @example
 * ```ts
 * import { runCli } from '@balance-sync/adapters/cli';
 *
 * process.exitCode = await runCli(['import-items', '--dry-run', '--json']);
 * ```
 */
export async function runCli(
  argv: readonly string[],
  options: RunCliOptions = {},
): Promise<CliExitCode> {
  const io: CliIo = { ...processIo(), ...options.io };
  const context = new CliContext(io, options.overrides);
  const program = buildProgram(context);
  if (argv.length === 0) {
    program.outputHelp();
    return CLI_EXIT_CODES.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
        return CLI_EXIT_CODES.success;
      }
      if (error.code === 'commander.help' && error.exitCode === 0) return CLI_EXIT_CODES.success;
      return CLI_EXIT_CODES.usage;
    }
    throw error;
  }
  return context.exitCode;
}
