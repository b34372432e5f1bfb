// Runs a Balance simulator (real HTTP server, injected latency) in a worker thread, so that
// its CPU does not share the event loop of the engine being measured — the real Balance is
// another machine. Started by order-export.bench.ts; answers `{ url, … }` once listening and
// `{ sales }` (a summary of the stored Sales) when asked, then stops on `stop`.
import { parentPort, workerData } from 'node:worker_threads';
import { createBalanceSimulator } from '@balance-sync/balance-client/testing';

const { latencyMs } = workerData as { latencyMs: number };
const sim = await createBalanceSimulator({ faults: { latency: { ms: latencyMs } } }).start();
const port = parentPort;
if (!port) throw new Error('balance-simulator-thread must run in a worker thread');

port.postMessage({
  type: 'ready',
  url: sim.url,
  basePath: sim.basePath,
  credentials: sim.credentials,
  seed: {
    warehouse: sim.seed.warehouses.main,
    retailClient: sim.seed.retailClientUid,
    priceType: sim.seed.priceTypes.retail,
    items: [sim.seed.items.espresso, sim.seed.items.arabicaBeans, sim.seed.items.detergent],
  },
});
port.on('message', async (message: { type: string }) => {
  if (message.type === 'clear') {
    sim.clearRequests();
    port.postMessage({ type: 'cleared' });
  } else if (message.type === 'summary') {
    const sales = [...sim.state.sales.values()];
    port.postMessage({
      type: 'summary',
      requests: sim.requests.length,
      sales: sales.length,
      writtenMoreThanOnce: sales.filter((sale) => sale.writes !== 1).length,
      totalTetri: sales.reduce((sum, sale) => sum + sale.totalTetri, 0),
    });
  } else if (message.type === 'stop') {
    await sim.stop();
    port.close();
  }
});
