import { type JobHandler, zoneOffsetAt } from '@balance-sync/woo-sync-core';
import type { Command } from 'commander';
import type { SyncRuntime } from '../../runtime/sync-runtime.js';
import { type CliContext, type CommonOptions, withCommonOptions } from '../cli-context.js';
import { CliError, type CliOutput } from '../cli-output.js';
import { CLI_EXIT_CODES } from '../exit-codes.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** Midnight of a calendar day in a time zone, as a UTC instant. */
function zonedMidnight(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  return new Date(guess - zoneOffsetAt(guess, timeZone));
}

/**
 * `--from` / `--to`: a calendar day in the store's time zone (`--to` includes the whole day)
 * or a zoned ISO instant.
 */
export function parseRangeBound(
  value: string,
  name: string,
  timeZone: string,
  end: boolean,
): string {
  const text = value.trim();
  if (DAY.test(text)) {
    const start = zonedMidnight(text, timeZone);
    if (!end) return start.toISOString();
    const next = new Date(Date.parse(`${text}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return new Date(zonedMidnight(next, timeZone).getTime() - 1000).toISOString();
  }
  if (ZONED.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
  throw new CliError(
    'usage',
    `${name} must be a day (2026-11-01, in the store's time zone) or a zoned instant (2026-11-01T00:00:00+04:00); got "${value}"`,
  );
}

/**
 * Runs the queue's jobs in this process until nothing is waiting or running (delayed jobs —
 * retries with backoff — are left for the worker). Returns how many ran.
 */
export async function drainQueue(
  runtime: SyncRuntime,
  output: CliOutput,
): Promise<{ completed: number; failed: number }> {
  const counts = { completed: 0, failed: 0 };
  const handler: JobHandler = async (job, context) => {
    try {
      await runtime.handleJob(job, context);
      counts.completed += 1;
    } catch (error) {
      counts.failed += 1;
      throw error;
    }
  };
  await runtime.queue.start(handler, { concurrency: runtime.config.queue.concurrency });
  const progress = output.progress('Exporting');
  for (;;) {
    const now = await runtime.queue.counts();
    const done = counts.completed + counts.failed;
    progress.update(done, done + now.waiting + now.active);
    if (now.waiting === 0 && now.active === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  progress.stop();
  return counts;
}

/** `balance-woo sweep` and `balance-woo reconcile`. */
export function registerSweepAndReconcile(program: Command, context: CliContext): void {
  withCommonOptions(
    program
      .command('sweep')
      .description(
        'find orders changed since the last sweep and queue their export (the webhook backstop)',
      ),
  )
    .option(
      '--drain',
      'also run the queued exports here, until nothing is waiting (for hosts without a worker)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo sweep                 # queue exports for the worker
  $ balance-woo sweep --drain         # cron-only setups: queue and run them now

The worker runs the sweep on its own schedule (schedules.orderSweep, every 5 minutes by default).`,
    )
    .action(async (options: CommonOptions & { drain?: boolean }) => {
      await context.run('sweep', options, async (output) => {
        const runtime = await context.openRuntime(options);
        const storeId = context.storeId(runtime, options);
        const result = await runtime.engine.orders.sweepOrders({ storeId });
        const drained = options.drain ? await drainQueue(runtime, output) : undefined;
        const exitCode =
          drained && drained.failed > 0 ? CLI_EXIT_CODES.failures : CLI_EXIT_CODES.success;
        return output.result({ ...result, ...(drained ? { drained } : {}) }, exitCode, () => {
          output.line(
            `Swept store "${storeId}": ${result.scanned} orders changed, ${result.enqueued} exports queued (${result.deduplicated} joined waiting ones).`,
          );
          if (drained) {
            output.line(
              `Ran ${drained.completed + drained.failed} jobs here: ${drained.completed} done, ${drained.failed} failed.`,
            );
            if (drained.failed > 0) output.line('See them with `balance-woo queue list`.');
          }
        });
      });
    });

  withCommonOptions(
    program
      .command('reconcile')
      .description(
        'compare paid orders and refunds with the ledger and with Balance, to the tetri',
      ),
  )
    .requiredOption('--from <day|instant>', 'start: a day (store time zone) or a zoned ISO instant')
    .requiredOption('--to <day|instant>', 'end: a day (inclusive) or a zoned ISO instant')
    .option('--all', 'list matching (ok) documents too')
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo reconcile --from 2026-11-01 --to 2026-11-30
  $ balance-woo reconcile --from 2026-11-27T00:00:00+04:00 --to 2026-11-27T23:59:59+04:00 --json

Every problem comes with the command that fixes it. Exit code 1 when problems were found.`,
    )
    .action(async (options: CommonOptions & { from: string; to: string; all?: boolean }) => {
      await context.run('reconcile', options, async (output) => {
        const runtime = await context.openRuntime(options);
        const storeId = context.storeId(runtime, options);
        const timezone = runtime.config.stores.find((s) => s.id === storeId)?.timezone ?? 'UTC';
        const from = parseRangeBound(options.from, '--from', timezone, false);
        const to = parseRangeBound(options.to, '--to', timezone, true);
        if (Date.parse(from) > Date.parse(to))
          throw new CliError('usage', '--from must not be after --to');
        const report = await runtime.engine.orders.reconcile({ storeId, from, to });
        const problems = report.rows.filter((r) => r.status !== 'ok').length;
        const exitCode = problems > 0 ? CLI_EXIT_CODES.failures : CLI_EXIT_CODES.success;
        return output.result(report, exitCode, () => {
          output.line(report.text.trimEnd());
          if (options.all) {
            for (const row of report.rows.filter((r) => r.status === 'ok'))
              output.line(`  ok  ${row.key}  order #${row.orderNumber}`);
          }
          output.line(
            problems === 0
              ? '✔ Everything matches.'
              : `✘ ${problems} problem(s); run the fix shown under each.`,
          );
        });
      });
    });
}
