import { readFileSync } from 'node:fs';
import type { ConfigIssue } from '@balance-sync/woo-sync-core';
import {
  type ConfigEnvironmentValueType,
  type ConfigEnvironmentVariable,
  configEnvironmentVariables,
  configSectionDefaults,
  ENVIRONMENT_PREFIX,
  RESERVED_ENVIRONMENT_VARIABLES,
  storeEnvironmentId,
} from './config-environment.js';

/** Where a configuration value came from, by dotted path (`stores.0.woocommerce.url`). */
export type ConfigOrigins = Map<string, string>;

/** What {@link applyEnvironment} produced. */
export interface AppliedEnvironment {
  /** The input with every override applied (a copy; the original is not changed). */
  input: Record<string, unknown>;
  /** Variables that were applied, by the dotted path they set. */
  origins: ConfigOrigins;
  issues: ConfigIssue[];
}

type Path = (string | number)[];

function coerce(
  raw: string,
  type: ConfigEnvironmentValueType,
): { value: unknown } | { problem: string } {
  switch (type) {
    case 'integer':
    case 'number': {
      const value = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(value)) return { problem: 'must be a number' };
      if (type === 'integer' && !Number.isInteger(value)) {
        return { problem: 'must be a whole number' };
      }
      return { value };
    }
    case 'boolean': {
      const text = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(text)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(text)) return { value: false };
      return { problem: 'must be true or false' };
    }
    case 'list': {
      const text = raw.trim();
      if (text.startsWith('[')) {
        try {
          const parsed: unknown = JSON.parse(text);
          if (Array.isArray(parsed)) return { value: parsed };
        } catch {
          // fall through to the problem below
        }
        return { problem: 'must be a JSON array or a comma-separated list' };
      }
      return {
        value: text === '' ? [] : text.split(',').map((part) => part.trim()),
      };
    }
    default:
      return { value: raw };
  }
}

function setAt(target: Record<string, unknown>, path: Path, value: unknown): void {
  const defaults = configSectionDefaults();
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < path.length - 1; i += 1) {
    const key = path[i] as string | number;
    const next = (node as Record<string | number, unknown>)[key];
    if (typeof next !== 'object' || next === null) {
      const template = path
        .slice(0, i + 1)
        .map((segment, index) => (index === 1 && path[0] === 'stores' ? '<id>' : segment))
        .join('.');
      const fallback = defaults.get(template);
      const created: Record<string, unknown> =
        typeof fallback === 'object' && fallback !== null
          ? (structuredClone(fallback) as Record<string, unknown>)
          : {};
      (node as Record<string | number, unknown>)[key] = created;
      node = created;
    } else {
      node = next as Record<string, unknown>;
    }
  }
  (node as Record<string | number, unknown>)[path.at(-1) as string | number] = value;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score = distance(name, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore <= Math.max(3, Math.floor(name.length / 5)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}

/**
 * Applies `BALANCE_SYNC_*` environment variables (and their `…_FILE` twins) to a raw
 * configuration. Unknown variables are reported as issues (a typo must not silently leave a
 * default in place). Values of secret fields never appear in an issue.
 *
 * @example
 * ```ts
 * const { input, issues } = applyEnvironment(rawJson, process.env);
 * ```
 */
export function applyEnvironment(
  rawInput: unknown,
  env: Readonly<Record<string, string | undefined>>,
): AppliedEnvironment {
  const input = (
    typeof rawInput === 'object' && rawInput !== null && !Array.isArray(rawInput)
      ? structuredClone(rawInput)
      : {}
  ) as Record<string, unknown>;
  const origins: ConfigOrigins = new Map();
  const issues: ConfigIssue[] = [];
  const variables = configEnvironmentVariables();

  const globals = new Map<string, ConfigEnvironmentVariable>();
  const storeFields = new Map<string, ConfigEnvironmentVariable>();
  const storePrefix = `${ENVIRONMENT_PREFIX}STORES_<ID>_`;
  for (const variable of variables) {
    if (variable.name.startsWith(storePrefix)) {
      storeFields.set(variable.name.slice(storePrefix.length), variable);
      if (variable.alias) storeFields.set(variable.alias.slice(storePrefix.length), variable);
    } else {
      globals.set(variable.name, variable);
    }
  }

  const stores = Array.isArray(input.stores) ? (input.stores as unknown[]) : [];
  const storeIds = stores
    .map((store, index) => ({
      index,
      id: typeof store === 'object' && store !== null ? (store as { id?: unknown }).id : undefined,
    }))
    .filter((s): s is { index: number; id: string } => typeof s.id === 'string')
    .map((s) => ({ ...s, envId: storeEnvironmentId(s.id) }))
    .sort((a, b) => b.envId.length - a.envId.length);

  const names = Object.keys(env)
    .filter((name) => name.startsWith(ENVIRONMENT_PREFIX) && env[name] !== undefined)
    .sort();
  const seen = new Set<string>();

  for (const fullName of names) {
    if (fullName in RESERVED_ENVIRONMENT_VARIABLES) continue;
    const fromFile = fullName.endsWith('_FILE');
    const name = fromFile ? fullName.slice(0, -'_FILE'.length) : fullName;

    let variable: ConfigEnvironmentVariable | undefined;
    let path: Path | undefined;
    if (name.startsWith(`${ENVIRONMENT_PREFIX}STORES_`)) {
      const rest = name.slice(`${ENVIRONMENT_PREFIX}STORES_`.length);
      const store = storeIds.find((s) => rest.startsWith(`${s.envId}_`));
      if (!store) {
        issues.push({
          path: `env.${fullName}`,
          message: `names no configured store; store variables are BALANCE_SYNC_STORES_<ID>_<FIELD> with <ID> one of: ${
            storeIds.map((s) => s.envId).join(', ') || '(no stores in the file)'
          }`,
        });
        continue;
      }
      const field = rest.slice(store.envId.length + 1);
      variable = storeFields.get(field);
      if (variable) {
        path = ['stores', store.index, ...variable.path.split('.').slice(2)];
      }
    } else {
      variable = globals.get(name);
      if (variable) path = variable.path.split('.');
    }

    if (!variable || !path) {
      const candidates = [...globals.keys(), ...Object.keys(RESERVED_ENVIRONMENT_VARIABLES)];
      const suggestion = closest(name, candidates);
      issues.push({
        path: `env.${fullName}`,
        message: `is not a configuration variable${
          suggestion ? `; did you mean ${suggestion}${fromFile ? '_FILE' : ''}?` : ''
        } (docs/configuration.md lists every variable)`,
      });
      continue;
    }

    const key = path.join('.');
    if (seen.has(key)) {
      issues.push({
        path: key,
        message: `is set by more than one environment variable (${origins.get(key)} and ${fullName}); keep one`,
      });
      continue;
    }
    seen.add(key);

    let raw = env[fullName] as string;
    if (fromFile) {
      try {
        raw = readFileSync(raw, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        issues.push({
          path: key,
          message: `${fullName} names the file "${raw}", which cannot be read (${code}); fix the path or the file's permissions`,
        });
        continue;
      }
    }
    const coerced = coerce(raw, variable.type);
    if ('problem' in coerced) {
      issues.push({
        path: key,
        message: `${fullName} ${coerced.problem}${variable.secret ? '' : ` (got ${JSON.stringify(raw.slice(0, 60))})`}`,
      });
      continue;
    }
    setAt(input, path, coerced.value);
    origins.set(key, fullName);
  }
  return { input, origins, issues };
}
