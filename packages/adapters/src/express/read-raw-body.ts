import type { Request } from 'express';
import { HttpError } from './http-error.js';

/** How much of an over-limit body is read and thrown away before the socket is cut. */
const DRAIN_FACTOR = 8;

/**
 * Reads the request body as bytes, refusing more than `limit` bytes with a 413 — by the
 * declared `Content-Length` before reading anything, or while streaming a chunked body. The
 * rest of an over-limit body is drained (up to a bound) so the client can read the answer.
 * A body already consumed by `express.raw()` is taken as it is; one consumed by a JSON parser
 * cannot be verified and is a setup error.
 */
export function readRawBody(req: Request, limit: number): Promise<Buffer> {
  if (Buffer.isBuffer(req.body)) {
    if (req.body.length > limit) return Promise.reject(tooLarge(limit));
    return Promise.resolve(req.body);
  }
  if (req.readableEnded || req.body !== undefined) {
    return Promise.reject(
      new HttpError(
        500,
        'body_already_parsed',
        'The request body was parsed before the webhook route saw it, so its signature cannot be checked; mount createSyncRouter() before express.json() (or any other body parser)',
      ),
    );
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    drain(req, limit);
    return Promise.reject(tooLarge(limit));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        drain(req, limit);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(
        new HttpError(
          400,
          'body_unreadable',
          `The request body could not be read: ${error.message}`,
        ),
      );
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `The body is larger than ${limit} bytes; WooCommerce order payloads are far smaller, so this is not a webhook delivery`,
    { headers: { connection: 'close' } },
  );
}

function drain(req: Request, limit: number): void {
  let drained = 0;
  const max = limit * DRAIN_FACTOR;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > max) req.destroy();
  });
  req.on('error', () => {});
  req.resume();
}
