/**
 * A copy of a Redis client error that is safe to log or to keep as a `cause`: ioredis puts
 * the failed command and its arguments on its errors (`error.command.args` holds the password
 * of a failed `AUTH`), and a server message may echo an argument. The copy keeps the name,
 * the message (with every secret replaced by `[redacted]`), the string `code` and the
 * command's name only.
 *
 * @param secrets - values that must not appear (the password, the URL)
 * @example
 * ```ts
 * client.on('error', (error) => logger.debug({ err: redactRedisError(error, [password]) }, 'Redis error'));
 * ```
 */
export function redactRedisError(error: unknown, secrets: readonly string[]): Error {
  const redact = (text: string) =>
    secrets.reduce(
      (out, secret) => (secret.length > 0 ? out.split(secret).join('[redacted]') : out),
      text,
    );
  const source = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redact(source.message));
  copy.name = source.name;
  copy.stack = `${copy.name}: ${copy.message}`;
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  const command = (source as { command?: { name?: unknown } }).command;
  if (typeof command?.name === 'string') Object.assign(copy, { command: command.name });
  return copy;
}
