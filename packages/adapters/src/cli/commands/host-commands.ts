import { createServer, type Server } from 'node:http';
import type { Command } from 'commander';
import type { SyncWorker } from '../../worker/start-worker.js';
import { type CliContext, type CommonOptions, withCommonOptions } from '../cli-context.js';
import { CliError } from '../cli-output.js';
import { CLI_EXIT_CODES } from '../exit-codes.js';

interface ServeOptions extends CommonOptions {
  port?: string;
  host?: string;
  worker?: boolean;
  demo?: boolean;
}

function port(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new CliError('usage', `--port must be 0–65535 (got "${value}")`);
  return n;
}

/** Resolves on the first SIGTERM / SIGINT. */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

/** `balance-woo serve` and `balance-woo worker`. */
export function registerHostCommands(program: Command, context: CliContext): void {
  withCommonOptions(
    program
      .command('serve')
      .description(
        'run the web host: WooCommerce webhooks and the admin API (and, by default, the worker)',
      ),
    { store: false },
  )
    .option('-p, --port <port>', 'port (default: server.port, 8787)')
    .option('--host <host>', 'interface (default: server.host, 127.0.0.1)')
    .option('--no-worker', 'web only: leave the jobs to separate `balance-woo worker` processes')
    .option(
      '--demo',
      'serve the demo configuration: Balance and WooCommerce simulators with seed data, SQLite in a temp folder, the console on',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo serve                          # webhooks + admin API + worker, one process
  $ balance-woo serve --no-worker --port 8080  # web only; run workers separately
  $ balance-woo serve --demo                   # try the operator console against the simulators

Webhook delivery URL for WooCommerce: http://<host>:<port>/webhooks/woocommerce/<store id>
Admin API: http://<host>:<port>/admin/health (Authorization: Bearer <server.adminToken>)
Operator console: http://<host>:<port>/console/ (sign in with server.adminToken; off with server.console: false)
Stops gracefully on SIGTERM / SIGINT.`,
    )
    .action(async (options: ServeOptions) => {
      await context.run('serve', options, async (output) => {
        const [{ default: express }, { createSyncRouter }, { startWorker }] = await Promise.all([
          import('express').catch(() => {
            throw new CliError(
              'express_missing',
              'balance-woo serve needs the express package: npm install express@5',
              {
                exitCode: CLI_EXIT_CODES.usage,
              },
            );
          }),
          import('../../express/index.js'),
          import('../../worker/index.js'),
        ]);
        // --demo: the demo environment (simulators + seed data) with the console on; its
        // admin token is printed below so an operator can sign in.
        const demo = options.demo
          ? await (await import('../demo/demo-environment.js')).startDemoEnvironment()
          : undefined;
        const runtime = demo
          ? await context.openRuntimeFor(
              {
                ...demo.config,
                server: {
                  ...demo.config.server,
                  console: true,
                  port: options.port === undefined ? 8787 : demo.config.server.port,
                },
              },
              options,
              { host: true },
            )
          : await context.openRuntime(options, { host: true });
        const server = runtime.config.server;
        let worker: SyncWorker | undefined;
        if (options.worker !== false) {
          worker = await startWorker({ runtime, handleSignals: false });
        }
        const app = express();
        app.disable('x-powered-by');
        app.use(
          createSyncRouter({
            runtime,
            ...(worker ? { workerHealth: () => worker?.health() } : {}),
            // Operator console at /console/ (issue #9, docs/console.md); server.console
            // (default true) turns it off.
            console: server.console,
          }),
        );
        app.use((req, res) => {
          res.status(404).json({
            error: {
              code: 'not_found',
              message: `No route ${req.method} ${req.path}; webhooks go to /webhooks/woocommerce/<store id>, the admin API is under /admin`,
            },
          });
        });
        const host = options.host ?? server.host;
        const listening: Server = createServer(app);
        await new Promise<void>((resolve, reject) => {
          listening.once('error', reject);
          listening.listen(port(options.port, server.port), host, () => resolve());
        });
        const address = listening.address();
        const url = `http://${host}:${typeof address === 'object' && address ? address.port : server.port}`;
        runtime.logger.info({ url, worker: Boolean(worker) }, 'web host listening');
        if (demo) {
          // Point the simulated store's webhooks at this host, as a merchant would.
          const store = runtime.config.stores[0];
          for (const topic of ['order.created', 'order.updated']) {
            demo.woo.webhooks.create({
              topic,
              deliveryUrl: `${url}/webhooks/woocommerce/${store?.id}`,
              ...(store?.woocommerce.webhookSecret
                ? { secret: store.woocommerce.webhookSecret }
                : {}),
            });
          }
          context.io.stderr.write(
            `Demo: operator console ${url}/console/ — sign in with the admin token ${server.adminToken}\n` +
              `      Balance simulator ${demo.balance.url}, WooCommerce simulator ${demo.woo.url}\n`,
          );
        }
        if (options.json) {
          output.result(
            { url, worker: Boolean(worker), stores: runtime.storeIds },
            CLI_EXIT_CODES.success,
          );
        } else {
          context.io.stderr.write(
            `balance-woo serve: listening on ${url} (worker ${worker ? 'in this process' : 'elsewhere'}); Ctrl-C stops\n`,
          );
        }
        const signal = await nextSignal();
        runtime.logger.info({ signal }, 'stopping the web host');
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          listening.closeIdleConnections();
        });
        if (worker) await worker.stop();
        await demo?.close();
        return CLI_EXIT_CODES.success;
      });
    });

  withCommonOptions(
    program
      .command('worker')
      .description('run the background worker: queue consumers and schedules'),
    { store: false },
  )
    .option('--health-port <port>', 'serve GET /health on this port for a process supervisor')
    .option('--no-schedules', 'consume jobs only; leave the schedules to another worker')
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo worker
  $ balance-woo worker --health-port 8788 --config /etc/balance-sync/config.json

Schedules (config "schedules"): catalog import, stock import, order sweep (every 5 minutes by
default), reconciliation. Stops gracefully on SIGTERM / SIGINT: no new jobs, in-flight jobs
finish, then the queue and the store close.`,
    )
    .action(async (options: CommonOptions & { healthPort?: string; schedules?: boolean }) => {
      await context.run('worker', options, async (output) => {
        const { startWorker } = await import('../../worker/index.js');
        const runtime = await context.openRuntime(options, { host: true });
        const worker = await startWorker({
          runtime,
          schedules: options.schedules !== false,
          ...(options.healthPort !== undefined ? { healthPort: port(options.healthPort, 0) } : {}),
        });
        if (options.json) {
          output.result(
            {
              healthUrl: worker.healthUrl ?? null,
              stores: runtime.storeIds,
              schedules: worker.health().schedules,
            },
            CLI_EXIT_CODES.success,
          );
        } else {
          context.io.stderr.write(
            `balance-woo worker: running for ${runtime.storeIds.join(', ')}${worker.healthUrl ? `; health at ${worker.healthUrl}` : ''}; Ctrl-C stops\n`,
          );
        }
        await worker.stopped;
        return CLI_EXIT_CODES.success;
      });
    });
}
