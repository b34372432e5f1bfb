// Test helper: removes every Redis key matching a pattern (SCAN + DEL), for per-test prefixes.
import { Redis } from 'ioredis';

/** Deletes every key matching `pattern` (e.g. `bs-test-123:*`); returns how many. */
export async function deleteRedisKeys(url: string, pattern: string): Promise<number> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return deleted;
}
