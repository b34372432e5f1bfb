// The load generator of `pnpm test:load`, in its own process so the simulators' work in the
// parent does not delay its timers or its reading of answers. Reads signed deliveries (one
// JSON `{ body, headers }` per line) and sends them open-loop at a fixed rate: request i
// leaves at start + i / rate, whether or not earlier ones were answered. Prints one JSON
// document with the measurements on stdout.
//
// node --import tsx scripts/load/send-webhooks.ts <deliveries.jsonl> <port> <path> <rate>
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

interface Delivery {
  body: string;
  headers: Record<string, string>;
}

const [file, portText, path, rateText] = process.argv.slice(2);
if (!file || !portText || !path || !rateText) {
  console.error('usage: send-webhooks <deliveries.jsonl> <port> <path> <rate>');
  process.exit(2);
}
const port = Number(portText);
const rate = Number(rateText);
const deliveries = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Delivery);

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const latencies: number[] = [];
/** Per request: when it left (ms after the first) and how long its answer took. */
const timeline: Array<[sentAtMs: number, latencyMs: number]> = [];
const statuses: Record<string, number> = {};
let retriedOnStaleSocket = 0;
let lateStarts = 0;

// A reset on a reused keep-alive socket (the server closed it just as the request left:
// Node's documented keep-alive race, not an answer of the host) is sent again once, as
// WooCommerce retries a failed delivery; the latency then includes the retry.
let start = 0;
const send = (delivery: Delivery, started = performance.now()): Promise<void> =>
  new Promise((resolve) => {
    const req = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path, headers: delivery.headers },
      (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          timeline.push([
            Math.round(started - start),
            Math.round((performance.now() - started) * 100) / 100,
          ]);
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
          resolve();
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === 'ECONNRESET') {
        retriedOnStaleSocket += 1;
        resolve(send(delivery, started));
        return;
      }
      statuses[error.message] = (statuses[error.message] ?? 0) + 1;
      resolve();
    });
    req.end(delivery.body);
  });

const inFlight: Promise<void>[] = [];
start = performance.now();
for (let i = 0; i < deliveries.length; i += 1) {
  const wait = start + (i * 1000) / rate - performance.now();
  if (wait > 1) await sleep(wait);
  else if (wait < -5) lateStarts += 1;
  inFlight.push(send(deliveries[i] as Delivery));
}
await Promise.all(inFlight);
const sendMs = performance.now() - start;
agent.destroy();
process.stdout.write(
  `${JSON.stringify({ latencies, timeline, statuses, retriedOnStaleSocket, lateStarts, sendMs })}\n`,
);
