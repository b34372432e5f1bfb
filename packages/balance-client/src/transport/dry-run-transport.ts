import type { BalanceRuntime } from '../client/balance-runtime.js';
import type { BalanceEventEmitter } from '../events/balance-events.js';
import type { Redactor } from '../redaction/redactor.js';
import type { BalanceTransport, DryRunCapture } from './transport.js';

/**
 * Wraps a transport so that reads go through and writes are captured: the built (already
 * validated) body is emitted as a `dryRun` event and returned, and nothing is sent.
 */
export function createDryRunTransport(
  inner: BalanceTransport,
  deps: {
    readonly events: BalanceEventEmitter;
    readonly redactor: Redactor;
    readonly runtime: BalanceRuntime;
  },
): BalanceTransport {
  return {
    dryRun: true,
    read: (request) => inner.read(request),
    urlFor: (request) => inner.urlFor(request),
    write: async (request) => {
      const capture: DryRunCapture = {
        dryRun: true,
        method: request.method,
        template: request.template,
        url: inner.urlFor(request),
        body: request.body ?? [],
        requestId: deps.runtime.requestId(),
      };
      deps.events.emit('dryRun', {
        requestId: capture.requestId,
        method: capture.method,
        template: capture.template,
        url: capture.url,
        body: deps.redactor.value(capture.body) as readonly unknown[],
      });
      return capture;
    },
  };
}
