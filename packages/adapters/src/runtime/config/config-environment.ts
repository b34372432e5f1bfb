import { syncConfigJsonSchema } from '@balance-sync/woo-sync-core';

/**
 * The JSON type of a configuration field that an environment variable can set.
 *
 * @example
 * ```ts
 * const numeric: ConfigEnvironmentValueType = 'integer'; // BALANCE_SYNC_SERVER_PORT=8787
 * ```
 */
export type ConfigEnvironmentValueType = 'string' | 'integer' | 'number' | 'boolean' | 'list';

/**
 * One configuration field that an environment variable can set. Store fields are templates:
 * `<ID>` stands for the store id in upper case with dashes as underscores
 * (`BALANCE_SYNC_STORES_MAIN_CONSUMER_SECRET` sets `stores[id=main].woocommerce.consumerSecret`).
 *
 * @example
 * ```ts
 * const port = configEnvironmentVariables().find((v) => v.path === 'server.port');
 * // { path: 'server.port', name: 'BALANCE_SYNC_SERVER_PORT', type: 'integer', secret: false }
 * ```
 */
export interface ConfigEnvironmentVariable {
  /** Dotted configuration path; `stores.<id>.…` for store fields. */
  path: string;
  /** The variable name (`BALANCE_SYNC_BALANCE_PASSWORD`, `BALANCE_SYNC_STORES_<ID>_URL`). */
  name: string;
  /** A shorter alias, for store connection fields (the `WOOCOMMERCE_` part left out). */
  alias?: string;
  type: ConfigEnvironmentValueType;
  /** Whether the field holds a secret (its value never appears in a message). */
  secret: boolean;
}

/**
 * Environment variables the hosts read that are not configuration fields.
 *
 * @example
 * ```sh
 * BALANCE_SYNC_CONFIG=/etc/balance-sync/config.json BALANCE_SYNC_LOG_LEVEL=debug balance-woo worker
 * ```
 */
export const RESERVED_ENVIRONMENT_VARIABLES: Readonly<Record<string, string>> = Object.freeze({
  BALANCE_SYNC_CONFIG: 'Path of the configuration file (like --config).',
  BALANCE_SYNC_STORE: 'Store id the CLI works on when --store is not given.',
  BALANCE_SYNC_LOG_LEVEL: 'pino log level of the hosts: trace, debug, info (default), warn, error.',
});

/** The prefix of every variable the hosts read. */
export const ENVIRONMENT_PREFIX = 'BALANCE_SYNC_';

const SECRET_FIELDS = new Set([
  'password',
  'consumerKey',
  'consumerSecret',
  'webhookSecret',
  'adminToken',
  'databaseUrl',
  'redisUrl',
]);

/** `consumerSecret` → `CONSUMER_SECRET`. */
export function toEnvironmentSegment(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/-/g, '_')
    .toUpperCase();
}

/** The `<ID>` part of a store variable: `eu-shop` → `EU_SHOP`. */
export function storeEnvironmentId(storeId: string): string {
  return toEnvironmentSegment(storeId);
}

type JsonSchema = Record<string, unknown>;

function scalarType(schema: JsonSchema): ConfigEnvironmentValueType | undefined {
  const type = schema.type;
  if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') {
    return type;
  }
  if (type === 'array') {
    const items = (schema.items ?? {}) as JsonSchema;
    return items.type === 'string' || items.type === 'integer' ? 'list' : undefined;
  }
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches?.every((b) => b.type === 'string' || b.const !== undefined)) return 'string';
  return undefined;
}

function collect(
  schema: JsonSchema,
  segments: readonly string[],
  out: Map<string, { segments: string[]; type: ConfigEnvironmentValueType }>,
  defaults: Map<string, unknown>,
): void {
  if (
    segments.length > 0 &&
    typeof schema.default === 'object' &&
    schema.default !== null &&
    !defaults.has(segments.join('.'))
  ) {
    defaults.set(segments.join('.'), schema.default);
  }
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties) {
    for (const [key, child] of Object.entries(properties)) {
      if (key === '$schema') continue;
      collect(child, [...segments, key], out, defaults);
    }
  }
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (branches && !properties) {
    const type = scalarType(schema);
    if (type) {
      out.set(segments.join('.'), { segments: [...segments], type });
      return;
    }
    for (const branch of branches) collect(branch, segments, out, defaults);
    return;
  }
  if (properties) return;
  const type = scalarType(schema);
  if (type && segments.length > 0) out.set(segments.join('.'), { segments: [...segments], type });
}

let cached: ConfigEnvironmentVariable[] | undefined;
let cachedDefaults: Map<string, unknown> | undefined;

/**
 * Defaults of the object-valued sections (`queue`, `server`, `stores.<id>.categories`, …) by
 * dotted path: an environment variable that sets a field of a section the file leaves out
 * starts from the section's default.
 */
export function configSectionDefaults(): ReadonlyMap<string, unknown> {
  configEnvironmentVariables();
  return cachedDefaults as Map<string, unknown>;
}

/**
 * Every configuration field an environment variable can set, with its variable name. Names
 * are `BALANCE_SYNC_` + the path in upper snake case (`server.adminToken` →
 * `BALANCE_SYNC_SERVER_ADMIN_TOKEN`); store fields are addressed by store id. Each variable
 * also has a `…_FILE` twin that names a file holding the value (Docker / Kubernetes secrets).
 *
 * @example
 * ```ts
 * for (const v of configEnvironmentVariables()) console.log(v.name, '→', v.path);
 * // BALANCE_SYNC_BALANCE_PASSWORD → balance.password
 * // BALANCE_SYNC_STORES_<ID>_WOOCOMMERCE_CONSUMER_SECRET → stores.<id>.woocommerce.consumerSecret
 * ```
 */
export function configEnvironmentVariables(): readonly ConfigEnvironmentVariable[] {
  if (cached) return cached;
  const schema = syncConfigJsonSchema() as JsonSchema;
  const leaves = new Map<string, { segments: string[]; type: ConfigEnvironmentValueType }>();
  const defaults = new Map<string, unknown>();
  const properties = schema.properties as Record<string, JsonSchema>;
  for (const [key, child] of Object.entries(properties)) {
    if (key === '$schema' || key === 'stores') continue;
    collect(child, [key], leaves, defaults);
  }
  const storeItem = ((properties.stores as JsonSchema).items ?? {}) as JsonSchema;
  const storeLeaves = new Map<string, { segments: string[]; type: ConfigEnvironmentValueType }>();
  const storeDefaults = new Map<string, unknown>();
  collect(storeItem, [], storeLeaves, storeDefaults);
  for (const [path, value] of storeDefaults) defaults.set(`stores.<id>.${path}`, value);
  cachedDefaults = defaults;

  const result: ConfigEnvironmentVariable[] = [];
  for (const { segments, type } of leaves.values()) {
    result.push({
      path: segments.join('.'),
      name: ENVIRONMENT_PREFIX + segments.map(toEnvironmentSegment).join('_'),
      type,
      secret: SECRET_FIELDS.has(segments.at(-1) ?? ''),
    });
  }
  for (const { segments, type } of storeLeaves.values()) {
    if (segments.length === 1 && segments[0] === 'id') continue;
    const variable: ConfigEnvironmentVariable = {
      path: ['stores', '<id>', ...segments].join('.'),
      name: `${ENVIRONMENT_PREFIX}STORES_<ID>_${segments.map(toEnvironmentSegment).join('_')}`,
      type,
      secret: SECRET_FIELDS.has(segments.at(-1) ?? ''),
    };
    if (segments[0] === 'woocommerce' && segments.length === 2) {
      variable.alias = `${ENVIRONMENT_PREFIX}STORES_<ID>_${toEnvironmentSegment(segments[1] ?? '')}`;
    }
    result.push(variable);
  }
  cached = result;
  return result;
}

/** Whether a configuration field (by its last path segment) holds a secret. */
export function isSecretField(key: string | number | undefined): boolean {
  return typeof key === 'string' && SECRET_FIELDS.has(key);
}
