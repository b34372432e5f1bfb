/** Resources whose webhooks WooCommerce sends. */
export type WooWebhookResource = 'order' | 'product' | 'coupon' | 'customer' | 'action';

const RESOURCE_EVENTS: Readonly<Record<Exclude<WooWebhookResource, 'action'>, readonly string[]>> =
  {
    order: ['created', 'updated', 'deleted', 'restored'],
    product: ['created', 'updated', 'deleted', 'restored', 'published'],
    coupon: ['created', 'updated', 'deleted', 'restored'],
    customer: ['created', 'updated', 'deleted'],
  };

/**
 * Splits a topic WooCommerce sends (`order.updated`, `action.woocommerce_order_refunded`) into
 * resource and event, or `undefined` when WooCommerce would not send it.
 */
export function parseWebhookTopic(
  topic: string,
): { resource: WooWebhookResource; event: string } | undefined {
  const dot = topic.indexOf('.');
  if (dot <= 0) return undefined;
  const resource = topic.slice(0, dot);
  const event = topic.slice(dot + 1);
  if (resource === 'action') {
    return /^(woocommerce_|wc_)[A-Za-z0-9_]+$/.test(event) ? { resource, event } : undefined;
  }
  const events = RESOURCE_EVENTS[resource as keyof typeof RESOURCE_EVENTS];
  return events?.includes(event) ? { resource: resource as WooWebhookResource, event } : undefined;
}
