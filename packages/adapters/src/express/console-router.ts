import { createHash } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { ConsoleAssets, ConsoleFileName } from '../console/build-console-assets.js';
import { loadConsoleAssets } from '../console/console-assets.js';
import type { SyncRuntime } from '../runtime/sync-runtime.js';
import { createConsoleApi } from './console-api.js';
import { sendError } from './http-error.js';

const CONTENT_TYPES: Record<ConsoleFileName, string> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

/**
 * Only this origin's own files; the admin token travels in a header set by the script, so
 * no form posts or frames are needed.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(res: Response): void {
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
}

/**
 * The operator console under the router's `/console` path: the UI's static files (built once
 * per process, see `loadConsoleAssets`) and its JSON API under `/console/api`. The page
 * itself holds no data; everything it shows comes from `/admin` and `/console/api`, behind
 * the admin token.
 */
export function createConsoleRouter(options: {
  runtime: SyncRuntime;
  adminToken: string | undefined;
}): Router {
  const router = express.Router();
  router.use('/api', createConsoleApi(options));

  let etags: Map<ConsoleFileName, string> | undefined;
  const serve = (name: ConsoleFileName) => async (req: Request, res: Response) => {
    let assets: ConsoleAssets;
    try {
      assets = await loadConsoleAssets();
    } catch (error) {
      options.runtime.logger.error({ err: error }, 'console: the UI could not be built');
      sendError(
        res,
        500,
        'console_unavailable',
        `The console could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    etags ??= new Map(
      [...assets].map(([file, contents]) => [
        file,
        `"${createHash('sha256').update(contents).digest('base64url').slice(0, 27)}"`,
      ]),
    );
    const etag = etags.get(name) as string;
    securityHeaders(res);
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('etag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('content-type', CONTENT_TYPES[name]);
    res.status(200).end(Buffer.from(assets.get(name) as Uint8Array));
  };

  router.get('/', (req, res, next) => {
    // Relative asset and API URLs need the trailing slash: /sync/console → /sync/console/
    const [path = '', query] = req.originalUrl.split('?', 2);
    if (!path.endsWith('/')) {
      res.redirect(308, `${path}/${query === undefined ? '' : `?${query}`}`);
      return;
    }
    next();
  });
  router.get('/', serve('index.html'));
  router.get('/index.html', serve('index.html'));
  router.get('/console.js', serve('console.js'));
  router.get('/console.css', serve('console.css'));
  router.use((req, res) => {
    sendError(res, 404, 'not_found', `No console file ${req.path}; open ${req.baseUrl}/`);
  });
  return router;
}
