/*
 * Response builders shared by every endpoint: JSON bodies, Balance's `{"Error":[…]}` error
 * shape, and the HTML / plain-text pages a 1C web publication or the proxy in front of it
 * answers with.
 */

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A JSON response.
 *
 * @example
 * ```ts
 * jsonResponse([{ uid: '…' }]); // 200 application/json
 * ```
 */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const merged = new Headers(headers);
  merged.set('content-type', JSON_TYPE);
  // As bytes: a large string body (a catalog pack) is checked and encoded again by Response.
  const text: string | undefined = JSON.stringify(body);
  return new Response(text === undefined ? null : Buffer.from(text, 'utf8'), {
    status,
    headers: merged,
  });
}

/**
 * A Balance business error: `{ "Error": [ …messages ] }` with a non-2xx status.
 *
 * @example
 * ```ts
 * errorResponse(400, ['Client: მყიდველი ვერ მოიძებნა: …']);
 * ```
 */
export function errorResponse(status: number, messages: readonly string[]): Response {
  return jsonResponse({ Error: messages }, status);
}

/**
 * An HTML page, as a 1C publication, IIS or a reverse proxy answers errors.
 *
 * @example
 * ```ts
 * htmlResponse(503, '503 Service Unavailable', 'The service is temporarily unavailable.');
 * ```
 */
export function htmlResponse(
  status: number,
  title: string,
  text: string,
  headers: Record<string, string> = {},
): Response {
  const merged = new Headers(headers);
  merged.set('content-type', 'text/html; charset=utf-8');
  const page = `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p><hr><address>Apache/2.4.58 (Win64) 1C:Enterprise 8.3</address></body></html>\n`;
  return new Response(page, { status, headers: merged });
}

/**
 * A plain-text response.
 *
 * @example
 * ```ts
 * textResponse(404, 'Not Found');
 * ```
 */
export function textResponse(
  status: number,
  text: string,
  headers: Record<string, string> = {},
): Response {
  const merged = new Headers(headers);
  merged.set('content-type', 'text/plain; charset=utf-8');
  return new Response(text, { status, headers: merged });
}

/**
 * 404 with the reason phrase "Not Found" and `{"Error":["Not Found"]}` — the answer to a
 * lookup (`?uid=`, `Clients?Name=`) that matched nothing.
 *
 * @example
 * ```ts
 * notFoundResponse().statusText; // "Not Found"
 * ```
 */
export function notFoundResponse(): Response {
  return new Response(JSON.stringify({ Error: ['Not Found'] }), {
    status: 404,
    statusText: 'Not Found',
    headers: { 'content-type': JSON_TYPE },
  });
}
