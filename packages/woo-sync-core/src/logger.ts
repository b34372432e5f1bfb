/** Structured fields attached to a log line. Never put secrets here. */
export type LogFields = Record<string, unknown>;

/**
 * The logging interface the engine writes to. It matches the call shape of pino
 * (`logger.info(fields, message)`), so a pino logger can be passed as it is.
 *
 * @example
 * ```ts
 * const logger: Logger = pino({ redact: ['password'] });
 * ```
 */
export interface Logger {
  debug(fields: LogFields, message?: string): void;
  info(fields: LogFields, message?: string): void;
  warn(fields: LogFields, message?: string): void;
  error(fields: LogFields, message?: string): void;
}

/**
 * A logger that drops everything; the default when none is given.
 *
 * @example
 * ```ts
 * createSyncEngine({ config, balance, woo, store, logger: silentLogger });
 * ```
 */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
