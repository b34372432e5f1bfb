import { syncConfigJsonSchema } from '@balance-sync/woo-sync-core';
import {
  configEnvironmentVariables,
  RESERVED_ENVIRONMENT_VARIABLES,
} from './config-environment.js';
import { CONFIG_FILE_NAMES } from './read-config-file.js';

type JsonSchema = Record<string, unknown>;

interface Row {
  path: string;
  /** The path whose environment variable sets this row (the discriminator for unions). */
  envPath?: string;
  type: string;
  required: boolean;
  defaultValue: string;
  description: string;
  condition: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function typeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (Array.isArray(schema.enum))
    return schema.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' | ');
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return branches.map(typeOf).join(' | ');
  switch (schema.type) {
    case 'array':
      return `array of ${typeOf((schema.items ?? {}) as JsonSchema)}`;
    case 'object':
      return schema.properties
        ? 'object'
        : `map of ${typeOf((schema.additionalProperties ?? {}) as JsonSchema)}`;
    case 'integer': {
      const min = schema.minimum as number | undefined;
      const max = schema.maximum as number | undefined;
      const range = [
        min !== undefined ? `≥ ${min}` : '',
        max !== undefined && max < Number.MAX_SAFE_INTEGER ? `≤ ${max}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return range ? `integer (${range})` : 'integer';
    }
    case 'string': {
      if (schema.format === 'uri') return 'URL';
      if (schema.format === 'uuid' || String(schema.pattern ?? '').includes('[0-9a-fA-F]{8}'))
        return 'GUID';
      return 'string';
    }
    default:
      return typeof schema.type === 'string' ? schema.type : 'any';
  }
}

function discriminator(branches: JsonSchema[]): string | undefined {
  const first = branches[0]?.properties as Record<string, JsonSchema> | undefined;
  if (!first) return undefined;
  return Object.keys(first).find((key) =>
    branches.every(
      (b) => (b.properties as Record<string, JsonSchema> | undefined)?.[key]?.const !== undefined,
    ),
  );
}

function walk(
  schema: JsonSchema,
  path: string,
  required: boolean,
  condition: string,
  rows: Row[],
): void {
  const description = typeof schema.description === 'string' ? schema.description : '';
  const defaultValue = schema.default === undefined ? '' : `\`${JSON.stringify(schema.default)}\``;
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  const key = branches ? discriminator(branches) : undefined;
  if (branches && key) {
    rows.push({
      path,
      envPath: `${path}.${key}`,
      type: `one of: ${branches.map((b) => `\`${key}: ${JSON.stringify((b.properties as Record<string, JsonSchema>)[key]?.const)}\``).join(', ')}`,
      required,
      defaultValue,
      description,
      condition,
    });
    for (const branch of branches) {
      const value = JSON.stringify((branch.properties as Record<string, JsonSchema>)[key]?.const);
      walkObject(
        branch,
        path,
        `${condition ? `${condition}; ` : ''}when \`${key}\` is ${value}`,
        rows,
        key,
      );
    }
    return;
  }
  if (schema.type === 'object' && schema.properties) {
    if (path) rows.push({ path, type: 'object', required, defaultValue, description, condition });
    walkObject(schema, path, condition, rows);
    return;
  }
  if (schema.type === 'array' && (schema.items as JsonSchema | undefined)?.properties) {
    rows.push({ path, type: 'array of objects', required, defaultValue, description, condition });
    walkObject(schema.items as JsonSchema, `${path}[]`, condition, rows);
    return;
  }
  rows.push({ path, type: typeOf(schema), required, defaultValue, description, condition });
  for (const branch of branches ?? []) {
    if (branch.type === 'object' && branch.properties) {
      walkObject(branch, path, `${condition ? `${condition}; ` : ''}when an object`, rows);
    }
  }
}

function walkObject(
  schema: JsonSchema,
  path: string,
  condition: string,
  rows: Row[],
  skip?: string,
): void {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  for (const [name, child] of Object.entries(properties)) {
    if (name === '$schema' || name === skip) continue;
    walk(child, path ? `${path}.${name}` : name, required.has(name), condition, rows);
  }
}

function envFor(path: string): string {
  const template = path.replace(/^stores\[\]\./, 'stores.<id>.');
  const variable = configEnvironmentVariables().find((v) => v.path === template);
  if (!variable) return '';
  return `\`${variable.alias ?? variable.name}\``;
}

function collectRows(schema: JsonSchema): Row[] {
  const rows: Row[] = [];
  walkObject(schema, '', '', rows);
  return rows;
}

/** One row for a field every variant of a union shares (`stock.subtractReserve`). */
function mergeVariants(rows: Row[]): Row[] {
  const byPath = new Map<string, Row[]>();
  for (const row of rows) byPath.set(row.path, [...(byPath.get(row.path) ?? []), row]);
  const out: Row[] = [];
  const done = new Set<string>();
  for (const row of rows) {
    if (done.has(row.path)) continue;
    done.add(row.path);
    const same = byPath.get(row.path) ?? [row];
    if (same.length === 1) {
      out.push(row);
      continue;
    }
    const values = same.map((r) => /is (".*?")$/.exec(r.condition)?.[1]).filter(Boolean);
    const key = /when `(\w+)`/.exec(row.condition)?.[1];
    out.push({
      ...row,
      required: same.every((r) => r.required),
      condition: key ? `when \`${key}\` is ${values.join(', ')}` : row.condition,
    });
  }
  return out;
}

/** A Markdown table with padded columns (the way the repository's formatter writes them). */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = (text: string) => [...text].length;
  const widths = header.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat((widths[i] as number) - width(c))).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/**
 * `docs/configuration.md`, generated from the configuration schema and the environment
 * variable mapping (`scripts/generate-config-docs.ts` writes it; a test keeps it current).
 */
export function renderConfigurationDocs(): string {
  const schema = syncConfigJsonSchema() as JsonSchema;
  const rows = mergeVariants(collectRows(schema));
  const sections = new Map<string, Row[]>();
  for (const row of rows) {
    const section = row.path.split(/[.[]/)[0] ?? row.path;
    sections.set(section, [...(sections.get(section) ?? []), row]);
  }
  const out: string[] = [
    '<!-- Generated by scripts/generate-config-docs.ts from the configuration schema. Do not edit: run',
    '     `pnpm exec tsx --conditions=@balance-sync/source scripts/generate-config-docs.ts`. -->',
    '',
    '# Configuration',
    '',
    'One file configures a deployment: the Balance connection, the stores, the catalog and order',
    'rules, schedules, queue and storage. The hosts (`balance-woo`, `startWorker`, the Express',
    'router through `loadSyncConfig`) find it in this order:',
    '',
    '1. `--config <file>` (CLI) or `loadSyncConfig({ path })`;',
    '2. the `BALANCE_SYNC_CONFIG` environment variable;',
    `3. the first of ${CONFIG_FILE_NAMES.map((n) => `\`${n}\``).join(', ')} in the working directory.`,
    '',
    'JSON files can point editors at [`config.schema.json`](config.schema.json) with a `"$schema"` key.',
    'A `.mjs` / `.js` / `.ts` file default-exports the object (or a function returning it, sync or',
    'async); TypeScript files load through Node’s type stripping (Node ≥ 22.18) or tsx. A',
    'relative SQLite `storage.path` is resolved against the file’s folder.',
    '',
    '## Environment variables and secrets',
    '',
    'Every field below can be set or overridden with `BALANCE_SYNC_` + its path in upper snake',
    'case (`server.adminToken` → `BALANCE_SYNC_SERVER_ADMIN_TOKEN`). Store fields are addressed by',
    'store id (upper case, dashes as underscores): `BALANCE_SYNC_STORES_<ID>_<FIELD>`; the',
    'connection fields may leave out `WOOCOMMERCE_` (`BALANCE_SYNC_STORES_MAIN_CONSUMER_SECRET`).',
    'Numbers and booleans (`true`/`false`/`1`/`0`) are converted; lists take commas or a JSON array.',
    'A field of a section the file leaves out starts from that section’s default.',
    '',
    'Each variable has a `…_FILE` twin naming a file that holds the value (Docker and Kubernetes',
    'secrets): `BALANCE_SYNC_BALANCE_PASSWORD_FILE=/run/secrets/balance`. **Secrets never have to be',
    'in the file**: `balance.password`, `stores[].woocommerce.consumerKey` / `consumerSecret` /',
    '`webhookSecret`, `server.adminToken` and database / Redis URLs can all come from the',
    'environment, and their values never appear in an error, a log line or an answer.',
    '',
    'An unknown `BALANCE_SYNC_*` variable is an error (with the closest known name), so a typo',
    'never silently leaves a default in place. Variables that are not fields:',
    '',
    ...table(
      ['variable', 'meaning'],
      Object.entries(RESERVED_ENVIRONMENT_VARIABLES).map(([name, meaning]) => [
        `\`${name}\``,
        cell(meaning),
      ]),
    ),
    '',
    '## Errors',
    '',
    'A bad configuration stops the host with one error listing every problem: the path, what is',
    'wrong with the value (the value itself is shown unless it is a secret), where it came from',
    'and how to fix it. The CLI exits with code 2.',
    '',
    '```text',
    'Invalid configuration in /etc/balance-sync/balance-sync.config.json (2 problems):',
    '  - balance.password: Invalid input: expected string, received undefined; secrets need not be in the file: set BALANCE_SYNC_BALANCE_PASSWORD (or BALANCE_SYNC_BALANCE_PASSWORD_FILE naming a file that holds it)',
    '  - stores.0.timezone: must be an IANA time zone such as "Asia/Tbilisi" (got "Tbilisi"); fix it in the file (docs/configuration.md describes every option)',
    '```',
    '',
    '## A minimal file',
    '',
    '```json',
    JSON.stringify(
      {
        balance: { connection: { mode: 'cloud', applicationId: '1550' }, username: 'woo-sync' },
        catalog: {
          stock: { mode: 'single', warehouse: '<warehouse uid>' },
          prices: { regularPriceType: '<price type uid>' },
        },
        orders: {
          customer: { mode: 'retail', retailClient: '<retail client uid>' },
          warehouse: '<warehouse uid>',
          shippingItem: '<shipping service item uid>',
        },
        stores: [{ id: 'main', woocommerce: { url: 'https://shop.example.ge' } }],
      },
      null,
      2,
    ),
    '```',
    '',
    'with `BALANCE_SYNC_BALANCE_PASSWORD`, `BALANCE_SYNC_STORES_MAIN_CONSUMER_KEY`,',
    '`BALANCE_SYNC_STORES_MAIN_CONSUMER_SECRET`, `BALANCE_SYNC_STORES_MAIN_WEBHOOK_SECRET` and',
    '`BALANCE_SYNC_SERVER_ADMIN_TOKEN` in the environment. `balance-woo test-connection` lists the',
    'warehouse, group and price type uids of your Balance.',
    '',
    '## Every option',
    '',
    'Each store may override any field of `catalog` and `orders` under `stores[].catalog` /',
    '`stores[].orders`; a field given there replaces the shared one as a whole.',
  ];
  for (const [section, sectionRows] of sections) {
    out.push('', `### \`${section}\``, '');
    out.push(
      ...table(
        ['path', 'type', 'required', 'default', 'environment', 'description'],
        sectionRows.map((row) => [
          `\`${row.path}\``,
          cell(row.type),
          row.required ? 'yes' : '',
          cell(row.defaultValue),
          envFor(row.envPath ?? row.path),
          cell(
            [row.condition ? `_${row.condition}._` : '', row.description].filter(Boolean).join(' '),
          ),
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
