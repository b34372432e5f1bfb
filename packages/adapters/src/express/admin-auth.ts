import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { sendError } from './http-error.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Middleware that admits a request only with `Authorization: Bearer <adminToken>`. Both sides
 * are hashed before a constant-time comparison, so neither the token's content nor its length
 * leaks through timing. Without a configured token every request is refused.
 */
export function requireAdminToken(adminToken: string | undefined) {
  const expected = adminToken ? digest(adminToken) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    const challenge = { 'www-authenticate': 'Bearer realm="balance-sync admin"' };
    if (!expected) {
      sendError(
        res,
        401,
        'admin_disabled',
        'The admin API is disabled because no admin token is configured; set server.adminToken (or BALANCE_SYNC_SERVER_ADMIN_TOKEN) and restart',
        { headers: challenge },
      );
      return;
    }
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    const given = match?.[1] ? digest(match[1].trim()) : undefined;
    if (!given || !timingSafeEqual(given, expected)) {
      sendError(
        res,
        401,
        'unauthorized',
        header
          ? 'The bearer token is not the admin token'
          : 'Send the admin token as "Authorization: Bearer <token>"',
        { headers: challenge },
      );
      return;
    }
    next();
  };
}
