import type { Response } from 'express';

/**
 * The body of every error answer of the router: `{ error: { code, message } }`.
 *
 * @example
 * ```ts
 * const res = await fetch(`${base}/admin/queue`, { headers: { authorization: `Bearer ${token}` } });
 * if (!res.ok) console.error(((await res.json()) as SyncRouterErrorBody).error.message);
 * ```
 */
export interface SyncRouterErrorBody {
  error: {
    /** Stable, machine-readable code (`unauthorized`, `unknown_store`, `catalog_plan_stale`…). */
    code: string;
    /** What went wrong and what to do next. Never contains a secret. */
    message: string;
    /** Extra machine-readable detail, when there is some (e.g. config issues). */
    details?: unknown;
  };
}

/** An error the router answers with a given status and code. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** Writes `{ error: { code, message } }` with a status (no-op when headers are gone). */
export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  options: { details?: unknown; headers?: Record<string, string> } = {},
): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  const body: SyncRouterErrorBody = { error: { code, message } };
  if (options.details !== undefined) body.error.details = options.details;
  res.status(status).json(body);
}
