import { ConfigError, type SyncConfig } from '@balance-sync/woo-sync-core';
import type { Command } from 'commander';
import { loadSyncConfig } from '../runtime/config/load-sync-config.js';
import { createSyncRuntime } from '../runtime/create-sync-runtime.js';
import { createSyncLogger } from '../runtime/logging/create-sync-logger.js';
import { describeFailure } from '../runtime/operations/describe-failure.js';
import type { SyncRuntime, SyncRuntimeOverrides } from '../runtime/sync-runtime.js';
import type { CliIo } from './cli-io.js';
import { CliError, CliOutput } from './cli-output.js';
import { CLI_EXIT_CODES, type CliExitCode } from './exit-codes.js';

/** Flags every verb takes. */
export interface CommonOptions {
  config?: string;
  store?: string;
  json?: boolean;
  verbose?: boolean;
}

/** Adds `--config`, `--store`, `--json` and `--verbose` to a verb. */
export function withCommonOptions(command: Command, { store = true } = {}): Command {
  command.option(
    '-c, --config <file>',
    'configuration file (default: balance-sync.config.{json,mjs,ts} here, or BALANCE_SYNC_CONFIG)',
  );
  if (store)
    command.option(
      '-s, --store <id>',
      'store id (default: BALANCE_SYNC_STORE, or the only configured store)',
    );
  return command
    .option('--json', 'print exactly one JSON document on stdout (machine-readable)')
    .option('-v, --verbose', 'log what happens (pino JSON lines on stderr)');
}

/** What the verbs share: the streams, the runtime factory and the exit code. */
export class CliContext {
  readonly io: CliIo;
  readonly overrides: SyncRuntimeOverrides;
  exitCode: CliExitCode = CLI_EXIT_CODES.success;
  readonly #opened: SyncRuntime[] = [];

  constructor(io: CliIo, overrides: SyncRuntimeOverrides = {}) {
    this.io = io;
    this.overrides = overrides;
  }

  /**
   * Loads the configuration and builds a runtime. Logs (pino JSON lines) go to stderr so
   * stdout carries only the command's output — except for the hosts (`host: true`), which log
   * to stdout unless `--json` is given. Level: `--verbose`, else `BALANCE_SYNC_LOG_LEVEL`,
   * else `info` for hosts and `warn` for the other verbs.
   */
  async openRuntime(options: CommonOptions, { host = false } = {}): Promise<SyncRuntime> {
    const { config } = await loadSyncConfig({
      ...(options.config ? { path: options.config } : {}),
      env: this.io.env,
      cwd: this.io.cwd,
    });
    return this.openRuntimeFor(config, options, { host });
  }

  /** Builds a runtime for an already loaded configuration (e.g. the demo environment's). */
  async openRuntimeFor(
    config: SyncConfig,
    options: CommonOptions,
    { host = false } = {},
  ): Promise<SyncRuntime> {
    const level = options.verbose
      ? host
        ? 'debug'
        : 'info'
      : (this.io.env.BALANCE_SYNC_LOG_LEVEL ?? (host ? 'info' : 'warn'));
    const stream = host && !options.json ? this.io.stdout : this.io.stderr;
    const logger =
      this.overrides.logger ??
      createSyncLogger({
        config,
        level,
        destination: { write: (line: string) => stream.write(line) },
      });
    const runtime = await createSyncRuntime(config, { ...this.overrides, logger });
    this.#opened.push(runtime);
    return runtime;
  }

  /** The store a verb works on: `--store`, `BALANCE_SYNC_STORE`, or the only one. */
  storeId(runtime: SyncRuntime, options: CommonOptions): string {
    const wanted = options.store ?? this.io.env.BALANCE_SYNC_STORE;
    if (wanted) {
      if (!runtime.storeIds.includes(wanted)) {
        throw new CliError(
          'unknown_store',
          `No store "${wanted}" in the configuration; configured stores: ${runtime.storeIds.join(', ')}`,
        );
      }
      return wanted;
    }
    if (runtime.storeIds.length === 1) return runtime.storeIds[0] as string;
    throw new CliError(
      'store_required',
      `Several stores are configured (${runtime.storeIds.join(', ')}); choose one with --store <id> or BALANCE_SYNC_STORE`,
    );
  }

  /**
   * Runs a verb: builds its output, turns every error into a message with a next step and the
   * right exit code, and records the exit code.
   */
  async run(
    name: string,
    options: CommonOptions,
    body: (output: CliOutput) => Promise<CliExitCode>,
  ): Promise<void> {
    const output = new CliOutput(this.io, name, Boolean(options.json));
    try {
      this.exitCode = await body(output);
    } catch (error) {
      this.exitCode = reportError(output, error);
    } finally {
      for (const runtime of this.#opened.splice(0)) {
        await runtime.close({ timeoutMs: 10_000 }).catch(() => {});
      }
    }
  }
}

/** Writes an error (JSON document and stderr line) and returns its exit code. */
export function reportError(output: CliOutput, error: unknown): CliExitCode {
  if (error instanceof CliError) {
    return output.error(error.code, error.message, error.exitCode, error.details);
  }
  if (error instanceof ConfigError) {
    return output.error(
      error.code,
      `${error.message}\n  Fix the configuration and run the command again (docs/configuration.md lists every option).`,
      CLI_EXIT_CODES.usage,
      error.issues,
    );
  }
  const failure = describeFailure(error);
  const message =
    failure.code === 'internal_error'
      ? `Unexpected error: ${error instanceof Error ? error.message : String(error)}. Run again with --verbose to see the log, and report it if it persists.`
      : failure.message;
  return output.error(
    failure.code,
    message,
    failure.usage ? CLI_EXIT_CODES.usage : CLI_EXIT_CODES.failures,
    failure.details,
  );
}
