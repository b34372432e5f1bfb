import { WooRestError } from './errors.js';

/**
 * DELETE of a post-backed resource, as `WC_REST_CRUD_Controller::delete_item` does it: the
 * answer is the object as it was before; `force` deletes permanently, otherwise the object is
 * trashed, and trashing it a second time is 410 `woocommerce_rest_already_trashed`.
 */
export function trashOrDelete<T extends { status: string }>(
  record: T,
  options: {
    /** The post type named in the 410 message: `product`, `product_variation`, `shop_order`. */
    postType: string;
    force: boolean;
    toJson: (record: T) => Record<string, unknown>;
    deletePermanently: (record: T) => void;
    trash: (record: T) => void;
  },
): Record<string, unknown> {
  const before = options.toJson(record);
  if (options.force) {
    options.deletePermanently(record);
  } else {
    if (record.status === 'trash') {
      throw new WooRestError(
        'woocommerce_rest_already_trashed',
        `The ${options.postType} has already been deleted.`,
        { status: 410 },
      );
    }
    options.trash(record);
  }
  return before;
}
