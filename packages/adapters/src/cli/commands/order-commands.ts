import { createHash } from 'node:crypto';
import type {
  DocumentOutcome,
  OrderExportResult,
  ReturnRequestLine,
} from '@balance-sync/woo-sync-core';
import type { Command } from 'commander';
import { type CliContext, type CommonOptions, withCommonOptions } from '../cli-context.js';
import { CliError, type CliOutput } from '../cli-output.js';
import { CLI_EXIT_CODES, type CliExitCode } from '../exit-codes.js';

interface PushOptions extends CommonOptions {
  dryRun?: boolean;
  enqueue?: boolean;
}

function positiveInt(value: string, name: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new CliError('usage', `${name} must be a positive whole number (got "${value}")`);
  }
  return Number(value);
}

const ACTION_LABEL: Record<DocumentOutcome['action'], string> = {
  exported: 'exported',
  confirmed: 'confirmed (Balance already had it)',
  unchanged: 'already exported, unchanged',
  drift: 'already exported; the order changed since (drift, see reconcile)',
  failed: 'REFUSED',
  superseded: 'handled by another worker',
};

/** Human rendering of an export result. */
export function printExportResult(output: CliOutput, result: OrderExportResult): void {
  if (result.status === 'not-paid') {
    output.line(
      `Order ${result.orderId} is not paid yet; nothing was sent (it is exported once paid).`,
    );
  } else if (result.status === 'not-found') {
    output.line(`Order ${result.orderId} does not exist in the store.`);
  }
  for (const doc of result.documents) {
    output.line(
      `  ${doc.action === 'failed' ? '✘' : '✔'} ${doc.key.padEnd(18)} ${doc.uid}  ${ACTION_LABEL[doc.action]}`,
    );
    if (doc.error) {
      output.line(`      ${doc.error.code}: ${doc.error.message}`);
      for (const message of doc.error.messages) output.line(`      Balance: ${message}`);
    }
  }
}

function exportExitCode(result: OrderExportResult): CliExitCode {
  if (result.status === 'not-found') return CLI_EXIT_CODES.failures;
  return result.documents.some((d) => d.action === 'failed')
    ? CLI_EXIT_CODES.failures
    : CLI_EXIT_CODES.success;
}

function parseLines(values: readonly string[]): ReturnRequestLine[] {
  if (values.length === 0) {
    throw new CliError(
      'usage',
      'Give at least one --line <sku>:<quantity>, e.g. --line TSHIRT-M:1',
    );
  }
  return values.map((value) => {
    const at = value.lastIndexOf(':');
    const sku = value.slice(0, at).trim();
    const quantity = Number(value.slice(at + 1));
    if (at <= 0 || sku === '' || !Number.isFinite(quantity) || quantity <= 0) {
      throw new CliError(
        'usage',
        `--line must be <sku>:<quantity> with a positive quantity (got "${value}")`,
      );
    }
    return { sku, quantity };
  });
}

/**
 * The id of a return request given without `--request-id`: a hash of the order and its lines,
 * so running the same command twice never makes a second credit note.
 */
export function defaultReturnRequestId(
  orderId: number,
  lines: readonly ReturnRequestLine[],
): string {
  const canonical = [...lines]
    .map((l) => `${l.sku}:${l.quantity}`)
    .sort()
    .join(',');
  return `cli-${createHash('sha256').update(`${orderId}|${canonical}`).digest('hex').slice(0, 16)}`;
}

/** `push-order`, `push-refund`, `push-return-request`, `retry-document`, `resend-document`. */
export function registerOrderCommands(program: Command, context: CliContext): void {
  withCommonOptions(
    program
      .command('push-order')
      .argument('<orderId>', 'WooCommerce order id')
      .description('export one order now: its Sale (when paid) and its refunds as credit notes'),
  )
    .option('--dry-run', 'build and validate the documents and print them; send and record nothing')
    .option('--enqueue', 'queue the export for the worker instead of running it here')
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo push-order 1042 --dry-run      # the exact JSON that would go to Balance
  $ balance-woo push-order 1042                # export now (safe to repeat: same uid, no duplicate)
  $ balance-woo push-order 1042 --enqueue      # let the worker do it

Exit code 1 when Balance refused a document or the order does not exist.`,
    )
    .action(async (orderIdText: string, options: PushOptions) => {
      await context.run('push-order', options, async (output) => {
        const orderId = positiveInt(orderIdText, 'orderId');
        if (options.dryRun && options.enqueue)
          throw new CliError('usage', '--dry-run and --enqueue do not go together');
        const runtime = await context.openRuntime(options);
        const storeId = context.storeId(runtime, options);
        if (options.dryRun) {
          const result = await runtime.engine.orders.dryRun({ storeId, orderIds: [orderId] });
          const bad = result.entries.some((e) => e.status === 'invalid' || e.status === 'error');
          return output.result(
            result,
            bad ? CLI_EXIT_CODES.failures : CLI_EXIT_CODES.success,
            () => {
              if (result.entries.length === 0) output.line(`Order ${orderId}: nothing to export.`);
              for (const entry of result.entries) {
                output.line(
                  `${entry.key} (${entry.uid}): ${entry.status}${entry.reason ? ` — ${entry.reason}` : ''}`,
                );
                for (const message of entry.messages ?? []) output.line(`  ${message}`);
                if (entry.body)
                  output.line(
                    `  PUT ${entry.url ?? entry.template}\n${JSON.stringify(entry.body, null, 2).replace(/^/gm, '  ')}`,
                  );
              }
              output.line('Dry run: nothing was sent or recorded.');
            },
          );
        }
        if (options.enqueue) {
          const job = await runtime.queue.enqueue({
            name: 'export-order',
            storeId,
            payload: { orderId },
            dedupeId: `order:${storeId}:${orderId}`,
          });
          return output.result({ orderId, ...job }, CLI_EXIT_CODES.success, () =>
            output.line(
              `Queued the export of order ${orderId} (job ${job.id}${job.deduplicated ? ', joined a waiting one' : ''}).`,
            ),
          );
        }
        const result = await runtime.engine.orders.exportOrder({ storeId, orderId });
        return output.result(result, exportExitCode(result), () => {
          output.line(`Order ${orderId} of store "${storeId}":`);
          printExportResult(output, result);
        });
      });
    });

  withCommonOptions(
    program
      .command('push-refund')
      .argument('<orderId>', 'WooCommerce order id')
      .argument('[refundId]', 'one refund (default: every refund of the order)')
      .description('export refunds of an order as Sales Credit Notes (after its Sale)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo push-refund 1042          # every refund of order 1042 (exports the Sale first if needed)
  $ balance-woo push-refund 1042 311      # refund 311 only`,
    )
    .action(
      async (orderIdText: string, refundIdText: string | undefined, options: CommonOptions) => {
        await context.run('push-refund', options, async (output) => {
          const orderId = positiveInt(orderIdText, 'orderId');
          const refundId =
            refundIdText === undefined ? undefined : positiveInt(refundIdText, 'refundId');
          const runtime = await context.openRuntime(options);
          const storeId = context.storeId(runtime, options);
          const result =
            refundId === undefined
              ? await runtime.engine.orders.exportOrder({ storeId, orderId })
              : await runtime.engine.orders.exportRefund({ storeId, orderId, refundId });
          return output.result(result, exportExitCode(result), () => {
            output.line(`Refunds of order ${orderId} of store "${storeId}":`);
            printExportResult(output, result);
          });
        });
      },
    );

  withCommonOptions(
    program
      .command('push-return-request')
      .argument('<orderId>', 'WooCommerce order id (its Sale must be exported)')
      .description('send a return credit note for some lines of an exported order'),
  )
    .option(
      '-l, --line <sku:qty>',
      'a returned line, e.g. TSHIRT-M:1 (repeat for more lines)',
      (value: string, previous: string[] = []) => [...previous, value],
      [] as string[],
    )
    .option(
      '--request-id <id>',
      'your id of the request (default: derived from the order and lines, so repeating the command is safe)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo push-return-request 1042 --line TSHIRT-M:1
  $ balance-woo push-return-request 1042 --line TSHIRT-M:1 --line MUG:2 --request-id RMA-77`,
    )
    .action(
      async (
        orderIdText: string,
        options: CommonOptions & { line: string[]; requestId?: string },
      ) => {
        await context.run('push-return-request', options, async (output) => {
          const orderId = positiveInt(orderIdText, 'orderId');
          const lines = parseLines(options.line);
          const requestId = options.requestId ?? defaultReturnRequestId(orderId, lines);
          const runtime = await context.openRuntime(options);
          const storeId = context.storeId(runtime, options);
          const result = await runtime.engine.orders.pushReturnRequest({
            storeId,
            orderId,
            requestId,
            lines,
            // The credit note's date: when the operator asked (kept by a repeated command).
            requestedAt: runtime.clock.now().toISOString(),
          });
          return output.result({ requestId, ...result }, exportExitCode(result), () => {
            output.line(`Return request ${requestId} of order ${orderId}:`);
            printExportResult(output, result);
          });
        });
      },
    );

  for (const [name, resend] of [
    ['retry-document', false],
    ['resend-document', true],
  ] as const) {
    withCommonOptions(
      program
        .command(name)
        .argument(
          '<key>',
          'ledger key: sale:<orderId>, credit:<refundId> or return:<orderId>:<requestId>',
        )
        .description(
          resend
            ? 'send an exported document to Balance again (same uid: rewritten, never duplicated)'
            : 'retry a failed or dead document (after fixing its cause)',
        ),
    )
      .addHelpText(
        'after',
        `
Example:
  $ balance-woo ${name} sale:1042 --store main`,
      )
      .action(async (key: string, options: CommonOptions) => {
        await context.run(name, options, async (output) => {
          if (!/^(sale|credit|return|client):/.test(key)) {
            throw new CliError(
              'usage',
              `"${key}" is not a ledger key; use sale:<orderId>, credit:<refundId> or return:<orderId>:<requestId>`,
            );
          }
          const runtime = await context.openRuntime(options);
          const storeId = context.storeId(runtime, options);
          const outcome = await runtime.engine.orders.retryDocument({ storeId, key, resend });
          const failed = outcome.result ? exportExitCode(outcome.result) : CLI_EXIT_CODES.success;
          return output.result(outcome, failed, () => {
            output.line(`${key} (was ${outcome.previousState}):`);
            if (outcome.jobId)
              output.line(`  queued as job ${outcome.jobId}; a running worker sends it.`);
            if (outcome.result) printExportResult(output, outcome.result);
          });
        });
      });
  }
}
