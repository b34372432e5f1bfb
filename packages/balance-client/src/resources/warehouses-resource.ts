import type { BalanceCallOptions } from '../client/call-options.js';
import { parseListResponse } from '../schemas/parse-rows.js';
import { type BalanceWarehouse, warehouseSchema } from '../schemas/warehouse.js';
import type { ResourceContext } from './resource-context.js';

/**
 * Warehouses (stores).
 *
 * @example
 * ```ts
 * const warehouses = await balance.warehouses.list();
 * ```
 */
export interface WarehousesResource {
  /** Every warehouse (`GET Warehouses`). */
  list(call?: BalanceCallOptions): Promise<BalanceWarehouse[]>;
}

/** Creates the Warehouses resource. */
export function createWarehousesResource(context: ResourceContext): WarehousesResource {
  return {
    list: async (call) => {
      const template = context.settings.templates.warehouses;
      const response = await context.transport.read({ method: 'GET', template, call });
      return parseListResponse(response, warehouseSchema, {
        redactor: context.redactor,
        what: template,
      });
    },
  };
}
