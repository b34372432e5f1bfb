/** An answer of the server that is not a success, or no answer at all (`status` 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** The server's stable error code (`unauthorized`, `catalog_plan_stale`…), or `network`. */
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Calls the admin API (`admin/…`) and the console API (`console/api/…`) with the token. */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
}

/**
 * The router's root: the console is served at `<root>/console/`, the admin API at
 * `<root>/admin/`, so the host may mount the router under any prefix.
 */
function routerRoot(): URL {
  return new URL('../', window.location.href);
}

/**
 * Sends one request with the admin token in the `Authorization` header (never in the URL),
 * and turns every failure into an {@link ApiError}.
 */
export async function request<T>(
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, routerRoot()), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiError(
      response.status,
      'bad_response',
      `The server answered ${response.status} without JSON`,
    );
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: unknown } })
      .error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${response.status}`,
      error?.details,
    );
  }
  return json as T;
}

/**
 * An API client bound to a token. `onUnauthorized` runs when the server refuses the token
 * (it was changed, or the server restarted with another one).
 */
export function createApiClient(token: string, onUnauthorized: () => void): ApiClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      return await request<T>(token, method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized();
      throw error;
    }
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
  };
}
