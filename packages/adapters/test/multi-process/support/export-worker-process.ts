// Starts fixtures/export-worker.ts in a child process and follows the jobs it runs.
import { fileURLToPath } from 'node:url';
import { type ConsumerProcess, spawnConsumer } from '../../queues/support/spawn-consumer.js';

/** A running export worker and what its trace lines say. */
export interface ExportWorker extends ConsumerProcess {
  /** Ids of the jobs whose handler started and has not finished (as printed so far). */
  inFlight(): string[];
  /** How many handler runs the worker started. */
  started(): number;
}

const script = fileURLToPath(new URL('../fixtures/export-worker.ts', import.meta.url));

/** Spawns a worker with `env` (SYNC_CONFIG, QUEUE_DRIVER, … see the fixture). */
export function startExportWorker(env: Record<string, string>): ExportWorker {
  const worker = spawnConsumer(script, env);
  const running = new Set<string>();
  let started = 0;
  let pending = '';
  worker.child.stdout?.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [event, id] = line.split(' ');
      if (!id) continue;
      if (event === 'start') {
        started += 1;
        running.add(id);
      } else if (event === 'done') {
        running.delete(id);
      }
    }
  });
  return { ...worker, inFlight: () => [...running], started: () => started };
}
