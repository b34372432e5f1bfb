/**
 * WordPress REST errors (`WP_Error`) as the simulator raises and renders them.
 */

/**
 * The JSON body of every WooCommerce / WordPress REST error.
 *
 * @example
 * const body = (await res.json()) as WooErrorBody;
 * if (body.code === 'product_invalid_sku') console.log(body.data);
 */
export interface WooErrorBody {
  /** Machine-readable code, e.g. `woocommerce_rest_product_invalid_id`. */
  code: string;
  /** Human-readable message (WordPress sometimes leaves HTML entities in it). */
  message: string;
  /** Usually `{ status, …extra }`; some refund errors carry a bare integer instead. */
  data: unknown;
}

/**
 * A `WP_Error` thrown inside the simulator. Its HTTP status follows WordPress'
 * `rest_convert_error_to_response`: `data.status` when `data` is an object with a `status`,
 * otherwise **500** (so refund errors with `data: 404` arrive as HTTP 500).
 *
 * @example
 * throw new WooRestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', { status: 404 });
 */
export class WooRestError extends Error {
  /** The WordPress error code. */
  readonly code: string;
  /** The error data, rendered verbatim as `data`. */
  readonly data: unknown;

  constructor(code: string, message: string, data: unknown = null) {
    super(message);
    this.name = 'WooRestError';
    this.code = code;
    this.data = data;
  }

  /** The HTTP status WordPress would answer with. */
  get status(): number {
    return restErrorStatus(this.data);
  }

  /** The JSON body. */
  toBody(): WooErrorBody {
    return { code: this.code, message: this.message, data: this.data };
  }
}

/**
 * HTTP status for an error's `data`: its `status` when `data` is a plain object holding one,
 * else 500.
 *
 * @example
 * restErrorStatus({ status: 404 }); // 404
 * restErrorStatus(404); // 500
 */
export function restErrorStatus(data: unknown): number {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const status = (data as { status?: unknown }).status;
    if (typeof status === 'number' && Number.isInteger(status)) return status;
    if (typeof status === 'string' && /^\d+$/.test(status)) return Number(status);
  }
  return 500;
}

/** `rest_no_route`. */
export function noRouteError(): WooRestError {
  return new WooRestError(
    'rest_no_route',
    'No route was found matching the URL and request method',
    { status: 404 },
  );
}
