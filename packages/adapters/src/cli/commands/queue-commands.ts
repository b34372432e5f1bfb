import type { Job, JobState } from '@balance-sync/woo-sync-core';
import type { Command } from 'commander';
import { type CliContext, type CommonOptions, withCommonOptions } from '../cli-context.js';
import { CliError, type CliOutput } from '../cli-output.js';
import { CLI_EXIT_CODES } from '../exit-codes.js';

const STATES: readonly JobState[] = ['waiting', 'delayed', 'active', 'completed', 'failed', 'dead'];

interface ListOptions extends CommonOptions {
  state?: string;
  limit?: string;
  all?: boolean;
}

function parseStates(
  value: string | undefined,
  allowed: readonly JobState[],
): JobState[] | undefined {
  if (!value) return undefined;
  const states = value.split(',').map((s) => s.trim()) as JobState[];
  const bad = states.filter((s) => !allowed.includes(s));
  if (bad.length > 0) {
    throw new CliError(
      'usage',
      `--state must be one or more of ${allowed.join(', ')} (got ${bad.join(', ')})`,
    );
  }
  return states;
}

function describeJob(job: Job): string {
  const payload = Object.entries(job.payload as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return `${job.id}  ${job.state.padEnd(9)} ${job.name.padEnd(19)} ${job.storeId.padEnd(10)} ${payload}  attempts ${job.attempts}/${job.maxAttempts}${
    job.lastError ? `\n      last error: ${job.lastError.message}` : ''
  }`;
}

function printCounts(output: CliOutput, counts: Record<JobState, number>): void {
  output.line(STATES.map((s) => `${s} ${counts[s]}`).join(' · '));
}

/** `balance-woo queue list|retry|retry-failed`. */
export function registerQueueCommands(program: Command, context: CliContext): void {
  const queue = program
    .command('queue')
    .description('look at the job queue and retry failed or dead jobs')
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo queue list                      # failed and dead jobs (what needs you)
  $ balance-woo queue list --all --limit 20     # every state
  $ balance-woo queue retry 0192f3a4-…          # one job
  $ balance-woo queue retry-failed              # every failed and dead job`,
    );

  withCommonOptions(
    queue.command('list').description('list jobs (default: failed and dead) with counts per state'),
  )
    .option('--state <states>', `comma-separated states: ${STATES.join(', ')}`)
    .option('--all', 'every state')
    .option('--limit <n>', 'at most this many jobs', '50')
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo queue list
  $ balance-woo queue list --state waiting,delayed --json`,
    )
    .action(async (options: ListOptions) => {
      await context.run('queue list', options, async (output) => {
        const runtime = await context.openRuntime(options);
        const storeId = options.store ?? context.io.env.BALANCE_SYNC_STORE;
        if (storeId) context.storeId(runtime, { store: storeId });
        const states = options.all
          ? undefined
          : (parseStates(options.state, STATES) ?? ['failed', 'dead']);
        const limit = Number(options.limit ?? 50);
        if (!Number.isInteger(limit) || limit < 1)
          throw new CliError('usage', '--limit must be a positive whole number');
        const [jobs, counts] = await Promise.all([
          runtime.queue.list({
            limit,
            ...(states ? { states } : {}),
            ...(storeId ? { storeId } : {}),
          }),
          runtime.queue.counts(storeId ? { storeId } : {}),
        ]);
        return output.result({ counts, jobs }, CLI_EXIT_CODES.success, () => {
          printCounts(output, counts);
          if (jobs.length === 0) output.line(`No ${states ? states.join('/') : ''} jobs.`);
          for (const job of jobs) output.line(describeJob(job));
          if (jobs.some((j) => j.state === 'failed' || j.state === 'dead')) {
            output.line(
              'Retry one with `balance-woo queue retry <id>`, or all with `balance-woo queue retry-failed`.',
            );
          }
        });
      });
    });

  withCommonOptions(
    queue
      .command('retry')
      .argument('<jobId>', 'the job id (from queue list)')
      .description('move one failed or dead job back to waiting'),
  )
    .addHelpText(
      'after',
      `
Example:
  $ balance-woo queue retry 0192f3a4-7b1c-7d2e-9f00-1a2b3c4d5e6f`,
    )
    .action(async (jobId: string, options: CommonOptions) => {
      await context.run('queue retry', options, async (output) => {
        const runtime = await context.openRuntime(options);
        const job = await runtime.queue.get(jobId);
        if (!job)
          throw new CliError(
            'job_not_found',
            `No job ${jobId}; list jobs with \`balance-woo queue list --all\``,
          );
        if (job.state !== 'failed' && job.state !== 'dead') {
          throw new CliError(
            'job_not_retryable',
            `Job ${jobId} is ${job.state}; only failed and dead jobs can be retried`,
          );
        }
        const retried = await runtime.queue.retry(jobId);
        return output.result(
          { retried, job: await runtime.queue.get(jobId) },
          retried ? CLI_EXIT_CODES.success : CLI_EXIT_CODES.failures,
          () =>
            output.line(
              retried
                ? `Job ${jobId} is waiting again; a running worker picks it up.`
                : `Job ${jobId} could not be retried (it moved meanwhile).`,
            ),
        );
      });
    });

  withCommonOptions(
    queue.command('retry-failed').description('move every failed and dead job back to waiting'),
  )
    .option('--state <states>', 'only these states: failed, dead')
    .addHelpText(
      'after',
      `
Examples:
  $ balance-woo queue retry-failed
  $ balance-woo queue retry-failed --state dead --store main`,
    )
    .action(async (options: ListOptions) => {
      await context.run('queue retry-failed', options, async (output) => {
        const runtime = await context.openRuntime(options);
        const storeId = options.store ?? context.io.env.BALANCE_SYNC_STORE;
        if (storeId) context.storeId(runtime, { store: storeId });
        const states = parseStates(options.state, ['failed', 'dead']) as
          | ('failed' | 'dead')[]
          | undefined;
        const retried = await runtime.queue.retryAll({
          ...(states ? { states } : {}),
          ...(storeId ? { storeId } : {}),
        });
        return output.result({ retried }, CLI_EXIT_CODES.success, () =>
          output.line(
            retried === 0
              ? 'No failed or dead jobs.'
              : `${retried} job(s) are waiting again; a running worker picks them up.`,
          ),
        );
      });
    });
}
