/**
 * Webhook topics and the action hooks that trigger them (`WC_Webhook::get_topic_hooks`,
 * `wc_is_webhook_valid_topic`).
 *
 * Internal module.
 */
import type { StoreHookEvent } from './woo-store.js';

const TOPIC_HOOKS: Record<string, readonly string[]> = {
  'order.created': ['woocommerce_new_order'],
  'order.updated': [
    'woocommerce_update_order',
    'woocommerce_order_refunded',
    'woocommerce_delete_order_refund',
  ],
  'order.deleted': ['wp_trash_post', 'woocommerce_trash_order'],
  'order.restored': ['untrashed_post', 'woocommerce_untrash_order'],
  'product.created': [
    'woocommerce_process_product_meta',
    'woocommerce_new_product',
    'woocommerce_new_product_variation',
  ],
  'product.updated': [
    'woocommerce_process_product_meta',
    'woocommerce_update_product',
    'woocommerce_update_product_variation',
  ],
  'product.deleted': ['wp_trash_post'],
  'product.restored': ['untrashed_post'],
  'coupon.created': ['woocommerce_process_shop_coupon_meta', 'woocommerce_new_coupon'],
  'coupon.updated': ['woocommerce_process_shop_coupon_meta', 'woocommerce_update_coupon'],
  'coupon.deleted': ['wp_trash_post'],
  'coupon.restored': ['untrashed_post'],
  'customer.created': ['user_register', 'woocommerce_created_customer', 'woocommerce_new_customer'],
  'customer.updated': ['profile_update', 'woocommerce_update_customer'],
  'customer.deleted': ['delete_user'],
};

const BLOCKED_ACTIONS = [
  'action.woocommerce_login_credentials',
  'action.woocommerce_product_csv_importer_check_import_file_path',
  'action.woocommerce_webhook_should_deliver',
];

/** `wc_is_webhook_valid_topic`. */
export function isValidWebhookTopic(topic: string): boolean {
  if (BLOCKED_ACTIONS.includes(topic)) return false;
  if (topic.startsWith('action.woocommerce_') || topic.startsWith('action.wc_')) return true;
  const [resource, event, extra] = topic.split('.');
  if (resource === undefined || event === undefined || extra !== undefined) return false;
  return (
    ['coupon', 'customer', 'order', 'product'].includes(resource) &&
    ['created', 'updated', 'deleted', 'restored'].includes(event)
  );
}

/** Resource part of a topic (`action` for custom action topics). */
export function topicResource(topic: string): string {
  return topic.split('.')[0] ?? '';
}

/** Event part of a topic (the hook name for action topics). */
export function topicEvent(topic: string): string {
  return topic.slice(topic.indexOf('.') + 1);
}

/** Hooks a topic listens to. */
export function topicHooks(topic: string): readonly string[] {
  if (topic.startsWith('action.')) return [topic.slice('action.'.length)];
  return TOPIC_HOOKS[topic] ?? [];
}

/** Whether a fired hook concerns a webhook's topic (hook match and object type). */
export function topicMatches(topic: string, event: StoreHookEvent): boolean {
  if (!topicHooks(topic).includes(event.hook)) return false;
  const resource = topicResource(topic);
  if (resource === 'action') return true;
  if (resource === 'product')
    return event.objectType === 'product' || event.objectType === 'product_variation';
  if (resource === 'order') return event.objectType === 'shop_order';
  return false;
}
