import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type CatalogApplyResult,
  CatalogPlan,
  type CatalogProgressEvent,
  type CatalogScope,
} from '@balance-sync/woo-sync-core';
import type { Command } from 'commander';
import { loadPlan, savePlan } from '../../runtime/operations/saved-plans.js';
import type { SyncRuntime } from '../../runtime/sync-runtime.js';
import { type CliContext, type CommonOptions, withCommonOptions } from '../cli-context.js';
import { CliError, type CliOutput } from '../cli-output.js';
import { CLI_EXIT_CODES } from '../exit-codes.js';

interface ImportOptions extends CommonOptions {
  dryRun?: boolean;
  plan?: string;
  details?: boolean;
}

/** Human rendering of an apply result. */
export function printApplyResult(output: CliOutput, result: CatalogApplyResult): void {
  const c = result.counts;
  output.line(
    `Applied plan ${result.planHash.slice(0, 12)}: ${c.created} created (as drafts), ${c.adopted} adopted, ${c.updated} updated, ${c.recorded} recorded, ${c.failed} failed; categories ${c.categoriesCreated} created, ${c.categoriesAdopted} adopted${
      c.alreadyDone ? `; ${c.alreadyDone} already done by an earlier run` : ''
    }`,
  );
  for (const failure of result.failures.slice(0, 50)) {
    output.line(`  ✘ ${failure.sku || failure.balanceUid}: ${failure.code} — ${failure.message}`);
  }
  if (result.failures.length > 50)
    output.line(`  … and ${result.failures.length - 50} more (see --json)`);
}

async function readPlanArgument(
  runtime: SyncRuntime,
  storeId: string,
  reference: string,
  cwd: string,
): Promise<CatalogPlan> {
  const path = resolve(cwd, reference);
  if (reference.endsWith('.json') || existsSync(path)) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new CliError(
        'plan_unreadable',
        `Cannot read the plan file ${path}: ${(error as Error).message}`,
      );
    }
    const plan = CatalogPlan.fromJSON(
      (data as { result?: { plan?: unknown }; plan?: unknown }).result?.plan ??
        (data as { plan?: unknown }).plan ??
        data,
    );
    return plan;
  }
  const plan = await loadPlan(runtime.store, storeId, reference);
  if (!plan) {
    throw new CliError(
      'plan_not_found',
      `No saved plan "${reference}" for store "${storeId}" (the last 5 dry runs are kept); run the command with --dry-run to make one, or pass a plan JSON file`,
    );
  }
  return plan;
}

async function runImport(
  context: CliContext,
  scope: CatalogScope,
  command: string,
  options: ImportOptions,
): Promise<void> {
  await context.run(command, options, async (output) => {
    if (options.dryRun && options.plan) {
      throw new CliError(
        'usage',
        '--dry-run and --plan do not go together: --dry-run makes a plan, --plan applies one',
      );
    }
    const runtime = await context.openRuntime(options);
    const storeId = context.storeId(runtime, options);
    const catalog = runtime.engine.catalog;

    let plan: CatalogPlan;
    if (options.plan) {
      plan = await readPlanArgument(runtime, storeId, options.plan, context.io.cwd);
      if (plan.storeId !== storeId) {
        throw new CliError(
          'catalog_plan_wrong_store',
          `The plan is for store "${plan.storeId}"; pass --store ${plan.storeId}`,
        );
      }
      if (plan.scope !== scope) {
        throw new CliError(
          'catalog_plan_wrong_scope',
          `The plan is an ${plan.scope} plan; apply it with ${plan.scope === 'items' ? 'import-items' : 'import-stocks'}`,
        );
      }
    } else {
      output.line(`Reading Balance and the store "${storeId}"…`);
      plan = await catalog.plan({ storeId, scope });
    }

    if (options.dryRun) {
      await savePlan(runtime.store, plan);
      return output.result(
        { planHash: plan.hash, summary: plan.summary, text: plan.toText(), plan: plan.toJSON() },
        CLI_EXIT_CODES.success,
        () => {
          output.line(plan.toText({ includeUnchanged: Boolean(options.details) }).trimEnd());
          output.line();
          output.line(
            `Dry run: nothing was written. Plan ${plan.hash.slice(0, 12)} is saved; apply exactly this plan with:`,
          );
          output.line(
            `  balance-woo ${command} --plan ${plan.hash.slice(0, 12)} --store ${storeId}`,
          );
        },
      );
    }

    const s = plan.summary;
    output.line(
      `Plan ${plan.hash.slice(0, 12)}: ${s.create} to create, ${s.adopt} to adopt, ${s.update} to update, ${s.unchanged} unchanged, ${s.skip} skipped, ${s.conflict} conflicts`,
    );
    const progress = output.progress('Applying');
    const onProgress = (event: CatalogProgressEvent) => {
      if (event.planHash === plan.hash) progress.update(event.done, event.total);
    };
    catalog.events.on('progress', onProgress);
    let result: CatalogApplyResult;
    try {
      result = await catalog.apply(plan);
    } finally {
      catalog.events.off('progress', onProgress);
      progress.stop();
    }
    const exitCode = result.failures.length > 0 ? CLI_EXIT_CODES.failures : CLI_EXIT_CODES.success;
    return output.result({ summary: plan.summary, ...result }, exitCode, () => {
      printApplyResult(output, result);
      if (s.conflict > 0) {
        output.line(
          `${s.conflict} conflicts were left alone; see them with --dry-run and resolve them in the store or in Balance.`,
        );
      }
      if (exitCode !== 0)
        output.line(
          'Fix the failures above and run the import again: finished entries are not redone.',
        );
    });
  });
}

function register(
  program: Command,
  context: CliContext,
  name: 'import-items' | 'import-stocks',
  scope: CatalogScope,
  description: string,
): void {
  withCommonOptions(program.command(name).description(description))
    .option(
      '--dry-run',
      'read both sides and print the plan; write nothing (the plan is saved for --plan)',
    )
    .option(
      '--plan <hash|file>',
      'apply a saved plan (hash prefix from --dry-run) or a plan JSON file, exactly as reviewed',
    )
    .option('--details', 'with --dry-run: list unchanged entries too')
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo ${name} --dry-run                 # review what would change
  $ balance-woo ${name} --plan 3f9a1c2b7d4e       # apply exactly the reviewed plan
  $ balance-woo ${name}                           # plan and apply in one go
  $ balance-woo ${name} --dry-run --json > plan.json && balance-woo ${name} --plan plan.json

New products are created as drafts. A plan whose inputs changed since it was made is refused
(run --dry-run again). Exit code 1 when some entries failed.`,
    )
    .action((options: ImportOptions) => runImport(context, scope, name, options));
}

/** `balance-woo import-items` and `balance-woo import-stocks`. */
export function registerImportCommands(program: Command, context: CliContext): void {
  register(
    program,
    context,
    'import-items',
    'items',
    'import the catalog from Balance: products, categories, prices, stock',
  );
  register(
    program,
    context,
    'import-stocks',
    'stocks',
    'update only the stock of linked products from Balance',
  );
}
