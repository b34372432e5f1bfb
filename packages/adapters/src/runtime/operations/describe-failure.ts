import { isBalanceError } from '@balance-sync/balance-client';
import {
  CatalogError,
  ConfigError,
  JobQueueError,
  OrderExportError,
} from '@balance-sync/woo-sync-core';
import { isWooCommerceError } from '../../woocommerce/index.js';

/** How a host reports a failed operation: an HTTP status, a stable code and a message. */
export interface FailureDescription {
  /** The HTTP status the admin API answers with. */
  status: number;
  code: string;
  /** What went wrong and what to do next. */
  message: string;
  /** Whether the caller's input (usage, configuration) was wrong, as opposed to a failure. */
  usage: boolean;
  details?: unknown;
}

const CATALOG_STATUS: Record<string, number> = {
  catalog_plan_stale: 409,
  catalog_plan_invalid: 400,
  catalog_plan_wrong_store: 400,
  catalog_read_failed: 502,
  catalog_apply_failed: 502,
};

const ORDER_STATUS: Record<string, number> = {
  orders_not_configured: 400,
  invalid_range: 400,
  document_not_found: 404,
  document_not_retryable: 409,
  return_request_conflict: 409,
};

/**
 * Turns any error of the engine or an adapter into a status, a stable code and a message
 * that says what to do next. Unknown errors become `internal_error` without their message
 * (it may carry data that does not belong in an answer).
 */
export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof ConfigError) {
    return {
      status: 400,
      code: error.code,
      message: error.message,
      usage: true,
      details: error.issues,
    };
  }
  if (error instanceof CatalogError) {
    return {
      status: CATALOG_STATUS[error.code] ?? 500,
      code: error.code,
      message: error.message,
      usage: error.code === 'catalog_plan_invalid' || error.code === 'catalog_plan_wrong_store',
    };
  }
  if (error instanceof OrderExportError) {
    const status = ORDER_STATUS[error.code] ?? 500;
    return {
      status,
      code: error.code,
      message: error.message,
      usage: status === 400 || status === 404 || status === 409,
    };
  }
  if (error instanceof JobQueueError) {
    return {
      status: error.code === 'invalid_job' ? 400 : 503,
      code: error.code,
      message: error.message,
      usage: error.code === 'invalid_job',
    };
  }
  if (isBalanceError(error)) {
    return {
      status: 502,
      code: error.code.toLowerCase(),
      message: `Balance: ${error.message}`,
      usage: false,
    };
  }
  if (isWooCommerceError(error)) {
    return {
      status: 502,
      code: String(error.code).toLowerCase(),
      message: `WooCommerce: ${error.message}`,
      usage: false,
    };
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof Error && typeof code === 'string' && /^[a-z][a-z0-9_]*$/.test(code)) {
    return { status: 500, code, message: error.message, usage: false };
  }
  return {
    status: 500,
    code: 'internal_error',
    message: 'Unexpected error; see the log for details',
    usage: false,
  };
}
