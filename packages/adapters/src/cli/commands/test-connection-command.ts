import type { Command } from 'commander';
import {
  type StoreConnectionReport,
  testStoreConnection,
} from '../../runtime/operations/test-store-connection.js';
import { type CliContext, type CommonOptions, withCommonOptions } from '../cli-context.js';
import type { CliOutput } from '../cli-output.js';
import { CLI_EXIT_CODES } from '../exit-codes.js';

const MARK = { pass: '✔', warn: '!', fail: '✘', skip: '-' } as const;

/** Human rendering of a connection report. */
export function printConnectionReport(output: CliOutput, report: StoreConnectionReport): void {
  const { balance, woocommerce } = report;
  output.line(`Balance (${balance.mode}, ${balance.baseUrl}): ${balance.verdict}`);
  for (const check of balance.checks) {
    output.line(
      `  ${MARK[check.status]} ${check.name.padEnd(15)} ${check.message} (${check.durationMs} ms)`,
    );
  }
  if (balance.warehouses.length > 0) {
    output.line(
      `  warehouses: ${balance.warehouses.map((w) => `${w.name ?? '?'} ${w.uid}`).join('; ')}`,
    );
  }
  if (balance.priceTypes.length > 0) output.line(`  price types: ${balance.priceTypes.join(', ')}`);
  output.line(
    `WooCommerce (${woocommerce.url}): ${woocommerce.ok ? 'ok' : 'failed'} (${woocommerce.latencyMs} ms${
      woocommerce.categoriesSeen === undefined
        ? ''
        : `, ${woocommerce.categoriesSeen} categories seen`
    })`,
  );
  if (woocommerce.error) output.line(`  ✘ ${woocommerce.error.message}`);
}

/** `balance-woo test-connection`. */
export function registerTestConnection(program: Command, context: CliContext): void {
  withCommonOptions(
    program
      .command('test-connection')
      .description(
        'check both connections of a store: Balance (login, lookups) and WooCommerce (REST keys)',
      ),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo test-connection
  $ balance-woo test-connection --store main --json

Exit code 0 when both sides answer, 1 when one fails (the report says what to fix).`,
    )
    .action(async (options: CommonOptions) => {
      await context.run('test-connection', options, async (output) => {
        const runtime = await context.openRuntime(options);
        const storeId = context.storeId(runtime, options);
        const report = await testStoreConnection(runtime, storeId);
        const exitCode = report.ok ? CLI_EXIT_CODES.success : CLI_EXIT_CODES.failures;
        return output.result(report, exitCode, () => {
          output.line(`Store "${storeId}"`);
          printConnectionReport(output, report);
          output.line(
            report.ok
              ? '✔ Both connections work.'
              : '✘ Fix the failed checks above, then run this again.',
          );
        });
      });
    });
}
