// `pnpm bench logger`: what one log line costs with createSyncLogger (secret keys redacted at
// any depth, the finished line scrubbed of every form of the configured secrets), beside the
// previous createSyncLogger (pino's `redact` with 59 wildcard paths and a per-line scrub),
// rebuilt here as it was, and beside plain pino — all measured in the same run, writing to a
// destination that drops the lines (formatting and redaction only, no I/O).
import { parseSyncConfig, type SyncConfig } from '@balance-sync/woo-sync-core';
import { type DestinationStream, type Logger, pino } from 'pino';
import { loadAverageText } from '../../../scripts/bench/bench-support.js';
import type { BenchRow, BenchSuite } from '../../../scripts/bench/bench-types.js';
import { createSyncLogger } from '../src/runtime/index.js';

/** The budget of a log line, so logging never shows in a request's latency. */
const TARGET_US = 10;

const config: SyncConfig = parseSyncConfig({
  balance: {
    connection: { mode: 'onprem', baseUrl: 'http://127.0.0.1:9' },
    username: 'woo-sync',
    password: 'bench-Pa55word-0001',
  },
  catalog: {
    stock: { mode: 'single', warehouse: '11111111-1111-1111-1111-111111111111' },
    prices: { regularPriceType: '22222222-2222-2222-2222-222222222222' },
  },
  stores: [
    {
      id: 'main',
      woocommerce: {
        url: 'https://shop.example.ge',
        consumerKey: 'ck_0123456789abcdef0123456789abcdef01234567',
        consumerSecret: 'cs_0123456789abcdef0123456789abcdef01234567',
        webhookSecret: 'whsec-G6x&kT9#pQ-0001',
      },
    },
  ],
  server: { adminToken: 'admin-token-0123456789' },
});

const dropLines: DestinationStream = { write: () => {} };

/** createSyncLogger as it was before: pino `redact` with wildcard paths, then a scrub. */
function previousSyncLogger(): Logger {
  const keys = [
    'password',
    'consumerKey',
    'consumerSecret',
    'webhookSecret',
    'adminToken',
    'authorization',
    'Authorization',
    'cookie',
    'databaseUrl',
    'redisUrl',
    'connectionString',
    'x-wc-webhook-signature',
  ];
  const paths: string[] = [];
  for (const key of keys) {
    const identifier = /^[A-Za-z_$][\w$]*$/.test(key);
    for (let depth = 0; depth <= 4; depth += 1) {
      if (identifier) paths.push(`${'*.'.repeat(depth)}${key}`);
      else if (depth > 0) paths.push(`${'*.'.repeat(depth - 1)}*["${key}"]`);
    }
  }
  const store = config.stores[0]?.woocommerce;
  const secrets = [
    config.balance.password,
    store?.consumerKey ?? '',
    store?.consumerSecret ?? '',
    store?.webhookSecret ?? '',
    config.server.adminToken ?? '',
  ].sort((a, b) => b.length - a.length);
  const scrub = (line: string) => {
    let out = line;
    for (const secret of secrets) {
      if (out.includes(secret)) out = out.split(secret).join('[redacted]');
      const escaped = JSON.stringify(secret).slice(1, -1);
      if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join('[redacted]');
    }
    return out;
  };
  return pino(
    {
      base: {},
      redact: { paths, censor: '[redacted]' },
      hooks: { streamWrite: scrub },
    },
    dropLines,
  );
}

const httpError = Object.assign(
  new Error('WooCommerce answered 503 Service Unavailable for POST /wc/v3/products/batch', {
    cause: new Error('socket hang up'),
  }),
  { code: 'woocommerce_unavailable', status: 503, retryable: true },
);

/** Line shapes the hosts write, from the cheapest to the costliest. */
const LINES: { name: string; write(logger: Logger): void }[] = [
  { name: 'message only', write: (logger) => logger.info('webhook accepted') },
  {
    name: 'job fields',
    write: (logger) =>
      logger.info(
        { storeId: 'main', jobId: 'export-order:main:1042', job: 'export-order', durationMs: 184 },
        'job done',
      ),
  },
  {
    name: 'nested event',
    write: (logger) =>
      logger.warn(
        {
          storeId: 'main',
          event: {
            method: 'POST',
            path: '/wp-json/wc/v3/products/batch',
            attempt: 2,
            delayMs: 500,
            response: { status: 503, headers: { 'retry-after': '1' } },
          },
        },
        'retrying WooCommerce call',
      ),
  },
  {
    name: 'error with cause',
    write: (logger) => logger.error({ err: httpError, storeId: 'main' }, 'export failed'),
  },
];

/** Median µs per line over five rounds of `lines` lines (after a warm-up round). */
function microsPerLine(logger: Logger, write: (logger: Logger) => void, lines: number): number {
  const rounds: number[] = [];
  for (let round = 0; round <= 5; round += 1) {
    const started = performance.now();
    for (let i = 0; i < lines; i += 1) write(logger);
    if (round > 0) rounds.push(((performance.now() - started) * 1000) / lines);
  }
  rounds.sort((a, b) => a - b);
  return Math.round((rounds[2] ?? 0) * 100) / 100;
}

const suite: BenchSuite = {
  name: 'logger',
  async run({ scale, log }) {
    const lines = Math.max(2_000, Math.round(20_000 * scale));
    const loggers = {
      now: createSyncLogger({ config, destination: dropLines }),
      before: previousSyncLogger(),
      plain: pino({ base: {} }, dropLines),
    };
    log(`load average ${loadAverageText()}; ${lines.toLocaleString('en-US')} lines a round`);
    const rows: BenchRow[] = [];
    for (const line of LINES) {
      const now = microsPerLine(loggers.now, line.write, lines);
      const before = microsPerLine(loggers.before, line.write, lines);
      const plain = microsPerLine(loggers.plain, line.write, lines);
      log(`${line.name}: ${now} µs (before ${before} µs, plain pino ${plain} µs)`);
      rows.push({
        case: `log line: ${line.name}`,
        metric: 'µs per line (createSyncLogger)',
        value: now,
        unit: 'µs',
        baseline: { label: 'before: pino redact, 59 wildcard paths', value: before },
        target: `≤ ${TARGET_US} µs`,
        met: now <= TARGET_US,
      });
      rows.push({
        case: `log line: ${line.name}`,
        metric: 'µs per line (createSyncLogger)',
        value: now,
        unit: 'µs',
        baseline: { label: 'plain pino, no redaction', value: plain },
      });
    }
    return rows;
  },
};

export default suite;
