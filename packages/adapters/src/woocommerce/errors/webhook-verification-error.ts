import { WooCommerceError } from './woocommerce-error.js';

/**
 * Why a webhook delivery was refused:
 * - `missing-signature` — no `X-WC-Webhook-Signature` header (and the body is not a ping);
 * - `bad-signature` — the signature does not match the raw body and the secret;
 * - `missing-header` — a signed delivery without `X-WC-Webhook-Topic`;
 * - `unknown-topic` — a topic WooCommerce does not send;
 * - `malformed-json` — the body is not a JSON object (or not UTF-8).
 */
export type WebhookVerificationFailure =
  | 'missing-signature'
  | 'bad-signature'
  | 'missing-header'
  | 'unknown-topic'
  | 'malformed-json';

/**
 * A webhook delivery that must not be processed. Answer it with 401 (`missing-signature`,
 * `bad-signature`) or 400 (the others); never include the secret or the expected signature in
 * the response — this error does not carry them.
 *
 * @example
 * ```ts
 * try {
 *   const delivery = verifyWooWebhook({ rawBody, headers: req.headers, secret });
 * } catch (error) {
 *   if (error instanceof WebhookVerificationError) {
 *     res.status(error.reason.endsWith('signature') ? 401 : 400).end();
 *   }
 * }
 * ```
 */
export class WebhookVerificationError extends WooCommerceError {
  override name = 'WebhookVerificationError';
  /** What was wrong. */
  readonly reason: WebhookVerificationFailure;

  constructor(summary: string, reason: WebhookVerificationFailure) {
    super(summary, { code: 'WOOCOMMERCE_WEBHOOK_INVALID', retryable: false });
    this.reason = reason;
  }

  protected override details(): Record<string, unknown> {
    return { reason: this.reason };
  }
}
