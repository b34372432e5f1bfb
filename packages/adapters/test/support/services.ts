// Real PostgreSQL / Redis for adapter tests. Without the URL a suite skips *loudly*; with
// REQUIRE_SERVICES=1 (set by .ci/run) a missing or unreachable service fails the run.
import { describe } from 'vitest';

export type ServiceName = 'DATABASE_URL' | 'REDIS_URL';

const required = process.env.REQUIRE_SERVICES === '1';

/**
 * The service URL, or `undefined` after printing a loud skip notice. Under
 * `REQUIRE_SERVICES=1` a missing URL throws instead, so CI can never skip silently.
 */
export function serviceUrl(name: ServiceName): string | undefined {
  const value = process.env[name];
  if (value) return value;
  if (required) {
    throw new Error(`${name} is not set but REQUIRE_SERVICES=1: the adapter tests need it`);
  }
  console.warn(
    `\n⚠️  SKIPPING tests that need ${name}: set ${name} (e.g. ${
      name === 'DATABASE_URL' ? 'postgres://postgres@127.0.0.1:5432/test' : 'redis://127.0.0.1:6379'
    }) to run them.\n`,
  );
  return undefined;
}

/** `describe` when the service is configured, `describe.skip` (loudly) otherwise. */
export function describeWithService(name: ServiceName): typeof describe | typeof describe.skip {
  return serviceUrl(name) ? describe : describe.skip;
}
