import { resolve } from 'node:path';
import {
  ConfigError,
  type ConfigIssue,
  parseSyncConfig,
  type SyncConfig,
} from '@balance-sync/woo-sync-core';
import { applyEnvironment, type ConfigOrigins } from './apply-environment.js';
import {
  configEnvironmentVariables,
  isSecretField,
  storeEnvironmentId,
} from './config-environment.js';
import { findConfigFile, readConfigFile } from './read-config-file.js';

/**
 * Options of {@link loadSyncConfig}.
 *
 * @example
 * ```ts
 * await loadSyncConfig({ path: 'config/production.json', env: process.env });
 * ```
 */
export interface LoadSyncConfigOptions {
  /**
   * The configuration file. When absent: `BALANCE_SYNC_CONFIG`, else the first of
   * `balance-sync.config.{json,mjs,js,ts,mts}` in `cwd`.
   */
  path?: string;
  /**
   * A configuration object to start from instead of a file (environment overrides still
   * apply). Used by integrators and tests.
   */
  input?: unknown;
  /**
   * Where relative paths and the file search start.
   * @default process.cwd()
   */
  cwd?: string;
  /**
   * The environment to read `BALANCE_SYNC_*` overrides and secrets from.
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * A validated configuration and where it came from.
 *
 * @example
 * ```ts
 * const { config, source, environment } = await loadSyncConfig();
 * console.log(`from ${source}; overridden: ${Object.keys(environment).join(', ')}`);
 * ```
 */
export interface LoadedSyncConfig {
  config: SyncConfig;
  /** The absolute path of the file, or `undefined` when `input` was given. */
  source: string | undefined;
  /** Environment variables that set a value, by the dotted path they set. */
  environment: Readonly<Record<string, string>>;
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let node: unknown = input;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function envNameFor(path: readonly string[], input: unknown): string | undefined {
  const variables = configEnvironmentVariables();
  if (path[0] === 'stores' && path.length > 2) {
    const store = valueAt(input, path.slice(0, 2)) as { id?: unknown } | undefined;
    if (typeof store?.id !== 'string') return undefined;
    const template = ['stores', '<id>', ...path.slice(2)].join('.');
    const variable = variables.find((v) => v.path === template);
    const name = variable?.alias ?? variable?.name;
    return name?.replace('<ID>', storeEnvironmentId(store.id));
  }
  return variables.find((v) => v.path === path.join('.'))?.name;
}

function explain(
  issue: ConfigIssue,
  input: unknown,
  origins: ConfigOrigins,
  source: string | undefined,
): ConfigIssue {
  const path = issue.path === '' ? [] : issue.path.split('.');
  const key = path.at(-1);
  const value = valueAt(input, path);
  const fromEnv = origins.get(issue.path);
  const envName = envNameFor(path, input);
  const secret = isSecretField(key);
  let message = issue.message;
  if (value !== undefined && !secret && (typeof value !== 'object' || value === null)) {
    message += ` (got ${JSON.stringify(value).slice(0, 80)})`;
  }
  if (fromEnv) {
    message += `; the value comes from ${fromEnv}: fix or unset it`;
  } else if (value === undefined && secret && envName) {
    message += `; secrets need not be in the file: set ${envName} (or ${envName}_FILE naming a file that holds it)`;
  } else if (value === undefined && envName) {
    message += `; add it to ${source ? 'the file' : 'the configuration'} or set ${envName}`;
  } else if (source) {
    message += '; fix it in the file (docs/configuration.md describes every option)';
  }
  return { path: issue.path, message };
}

/**
 * Loads the configuration the hosts run with: reads the file (JSON or a module), applies
 * `BALANCE_SYNC_*` environment overrides and secrets (`…_FILE` twins read a file), validates
 * it with the engine's schema and applies defaults. A relative SQLite path is resolved against
 * the file's folder. Throws one `ConfigError` naming each bad path, what is wrong with the
 * value and how to fix it; secret values never appear in it.
 *
 * @example
 * ```ts
 * import { loadSyncConfig } from '@balance-sync/adapters/runtime';
 *
 * // balance-sync.config.json in the working directory; BALANCE_SYNC_BALANCE_PASSWORD etc. in the environment
 * const { config, source } = await loadSyncConfig();
 * const { config: other } = await loadSyncConfig({ path: '/etc/balance-sync/config.json' });
 * ```
 */
export async function loadSyncConfig(
  options: LoadSyncConfigOptions = {},
): Promise<LoadedSyncConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  let source: string | undefined;
  let raw: unknown;
  if (options.input !== undefined) {
    raw = options.input;
  } else {
    const explicit = options.path ?? env.BALANCE_SYNC_CONFIG;
    source = explicit ? resolve(cwd, explicit) : findConfigFile(cwd);
    if (!source) {
      throw new ConfigError([
        {
          path: '(file)',
          message: `no balance-sync.config.json (or .mjs / .ts) in ${cwd}; create one (docs/getting-started.md), pass --config <file>, or set BALANCE_SYNC_CONFIG — or try \`balance-woo demo\`, which needs none`,
        },
      ]);
    }
    raw = await readConfigFile(source);
  }
  const { input, origins, issues } = applyEnvironment(raw, env);
  let config: SyncConfig | undefined;
  try {
    config = parseSyncConfig(input);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const envPaths = new Set(issues.map((issue) => issue.path));
    for (const issue of error.issues) {
      // a value the environment failed to set is reported once, by the environment
      if (!envPaths.has(issue.path)) issues.push(explain(issue, input, origins, source));
    }
  }
  if (issues.length > 0 || !config) {
    throw new ConfigError(issues, source ? { source } : undefined);
  }
  if (config.storage.driver === 'sqlite' && source) {
    config = {
      ...config,
      storage: { ...config.storage, path: resolve(resolve(source, '..'), config.storage.path) },
    };
  }
  return { config, source, environment: Object.fromEntries(origins) };
}
