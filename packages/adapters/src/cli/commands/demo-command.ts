import type { Command } from 'commander';
import { createSyncLogger } from '../../runtime/logging/create-sync-logger.js';
import { type CliContext, type CommonOptions, withCommonOptions } from '../cli-context.js';
import { CliError } from '../cli-output.js';
import { CLI_EXIT_CODES } from '../exit-codes.js';

/** `balance-woo demo`: the whole story on simulators, no configuration needed. */
export function registerDemoCommand(program: Command, context: CliContext): void {
  withCommonOptions(
    program
      .command('demo')
      .description(
        'run the whole story on simulators: import, orders, webhooks, refunds, an outage, reconciliation',
      ),
    { store: false },
  )
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo demo
  $ balance-woo demo --json > demo-report.json

Starts the Balance and WooCommerce simulators with seed data, uses the SQLite store and the
in-process queue in a temporary folder (removed at the end), and walks the merchant's setup:
test connection → category mapping → dry-run import → import → shopper orders → webhooks →
Sale export → a partial and a full refund → credit notes → a Balance outage and recovery →
reconciliation. Needs no configuration file; --config is ignored. Exit code 1 if a step did
not go as expected.`,
    )
    .action(async (options: CommonOptions) => {
      await context.run('demo', options, async (output) => {
        let runDemo: typeof import('../demo/run-demo.js').runDemo;
        try {
          ({ runDemo } = await import('../demo/run-demo.js'));
        } catch (error) {
          throw new CliError(
            'demo_unavailable',
            `The demo needs the simulators' optional dependencies (express, msw): npm install express@5 msw@3 — ${(error as Error).message}`,
            { exitCode: CLI_EXIT_CODES.failures },
          );
        }
        const logger = options.verbose
          ? createSyncLogger({
              level: 'info',
              destination: { write: (line: string) => context.io.stderr.write(line) },
            })
          : undefined;
        output.line('Balance ↔ WooCommerce sync — the demo. Everything runs on this machine.');
        const report = await runDemo(
          {
            step: (step, title) => {
              output.line();
              output.line(`${String(step).padStart(2)}. ${title}`);
            },
            line: (text) => output.line(`    ${text}`),
            progress: (label) => output.progress(`    ${label}`),
          },
          logger ? { logger } : {},
        );
        const exitCode = report.ok ? CLI_EXIT_CODES.success : CLI_EXIT_CODES.failures;
        return output.result(report, exitCode, () => {
          output.line();
          const failed = report.steps.filter((s) => !s.ok);
          output.line(
            failed.length === 0
              ? `✔ The whole story held: ${report.steps.length} steps in ${(report.durationMs / 1000).toFixed(1)} s.`
              : `✘ ${failed.length} step(s) did not go as expected: ${failed.map((s) => s.title).join(', ')}.`,
          );
          output.line(
            'Next: docs/getting-started.md sets this up against your own Balance and store.',
          );
        });
      });
    });
}
