import type {
  ErrorRequestHandler,
  Request,
  RequestHandler,
  RequestParamHandler,
  Response,
} from 'express';
import { describeFailure } from '../runtime/operations/describe-failure.js';
import type { SyncRuntime } from '../runtime/sync-runtime.js';
import { HttpError, sendError } from './http-error.js';

/** An async JSON route: the resolved value is the response body. */
export type JsonRouteHandler = (req: Request, res: Response) => Promise<unknown>;

/**
 * Wraps an async handler of the admin and console JSON APIs: its result is sent as JSON
 * (unless it already answered) and a rejection goes to the router's error handler.
 */
export function jsonRoute(handler: JsonRouteHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      const body = await handler(req, res);
      if (!res.headersSent) res.json(body);
    } catch (error) {
      next(error);
    }
  };
}

/** `router.param('storeId', …)`: 404 `unknown_store` for a store the runtime does not serve. */
export function knownStoreParam(runtime: SyncRuntime): RequestParamHandler {
  return (_req, res, next, storeId: string) => {
    if (!runtime.storeIds.includes(storeId)) {
      sendError(
        res,
        404,
        'unknown_store',
        `No store "${storeId}"; configured stores: ${runtime.storeIds.join(', ')}`,
      );
      return;
    }
    next();
  };
}

/**
 * The error handler of a JSON API: `HttpError`s as they are, body-parser failures as 400 / 413,
 * everything else through `describeFailure` (logged when it is a server-side failure). Every
 * answer is `{ error: { code, message, details? } }`.
 */
export function jsonApiErrorHandler(options: {
  runtime: SyncRuntime;
  /** Log message for server-side failures, e.g. "admin request failed". */
  failureLog: string;
  /** The body limit as people read it, e.g. "50 MB". */
  bodyLimit: string;
}): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof HttpError) {
      sendError(res, error.status, error.code, error.message, {
        details: error.details,
        headers: { ...error.headers },
      });
      return;
    }
    const parserError = error as { type?: string };
    if (parserError?.type === 'entity.parse.failed') {
      sendError(res, 400, 'malformed_json', 'The request body is not valid JSON');
      return;
    }
    if (parserError?.type === 'entity.too.large') {
      sendError(
        res,
        413,
        'payload_too_large',
        `The request body is larger than ${options.bodyLimit}`,
      );
      return;
    }
    const failure = describeFailure(error);
    if (failure.status >= 500) {
      options.runtime.logger.error({ err: error, code: failure.code }, options.failureLog);
    }
    sendError(
      res,
      failure.status,
      failure.code,
      failure.message,
      failure.details === undefined ? {} : { details: failure.details },
    );
  };
}
