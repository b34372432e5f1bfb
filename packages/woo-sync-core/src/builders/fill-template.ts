/**
 * Replaces `{name}` placeholders with values; unknown placeholders stay as written so a
 * typo is visible in Balance rather than silently empty. Used for the `PrimaryDocument` and
 * `Comments` templates of the configuration (`{number}` = order number, `{id}` = order id).
 *
 * @example
 * ```ts
 * fillTemplate('WooCommerce order #{number}', { number: '1234', id: 1234 }); // 'WooCommerce order #1234'
 * ```
 */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string | number>>,
): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : placeholder,
  );
}
