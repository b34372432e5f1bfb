/**
 * The WooCommerce REST adapter (`/wp-json/wc/v3`) implementing the engine's
 * `WooCommercePort`, and webhook signature verification.
 *
 * @packageDocumentation
 */

export { createWooCommerceRest, type WooCommerceRest } from './create-woocommerce-rest.js';
export { isWooCommerceError } from './errors/is-woocommerce-error.js';
export {
  WebhookVerificationError,
  type WebhookVerificationFailure,
} from './errors/webhook-verification-error.js';
export { WooCommerceAuthError } from './errors/woocommerce-auth-error.js';
export {
  WooCommerceError,
  type WooCommerceErrorCode,
  type WooCommerceErrorOptions,
  type WooCommerceRequestInfo,
} from './errors/woocommerce-error.js';
export {
  WooCommerceHttpError,
  type WooCommerceHttpErrorOptions,
} from './errors/woocommerce-http-error.js';
export { WooCommerceNetworkError } from './errors/woocommerce-network-error.js';
export {
  WooCommerceSchemaError,
  type WooCommerceSchemaIssue,
} from './errors/woocommerce-schema-error.js';
export { WooCommerceTimeoutError } from './errors/woocommerce-timeout-error.js';
export type {
  WooCommerceEventBase,
  WooCommerceEventEmitter,
  WooCommerceEventMap,
  WooCommerceRecoveryEvent,
  WooCommerceRequestEvent,
  WooCommerceResponseEvent,
  WooCommerceRetryEvent,
} from './events/woocommerce-events.js';
export {
  type VerifyWooWebhookInput,
  verifyWooWebhook,
  type WooWebhookDelivery,
  type WooWebhookEvent,
  type WooWebhookPing,
} from './webhooks/verify-woo-webhook.js';
export type { WebhookHeaders } from './webhooks/webhook-headers.js';
export type { WooWebhookResource } from './webhooks/webhook-topics.js';
export type {
  WooCommerceAuthMode,
  WooCommerceRestOptions,
  WooCommerceRetryOptions,
} from './woocommerce-rest-options.js';
