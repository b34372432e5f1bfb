// Test helper: removes every Redis key matching a pattern (SCAN + DEL), for per-test prefixes.
import {
  parseRedisConnection,
  RedisSocketClient,
} from '../../../src/bullmq/redis-socket-client.js';

/** Deletes every key matching `pattern` (e.g. `bs-test-123:*`); returns how many. */
export async function deleteRedisKeys(url: string, pattern: string): Promise<number> {
  const client = new RedisSocketClient(parseRedisConnection(url));
  await client.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const reply = (await client.send('SCAN', [cursor, 'MATCH', pattern, 'COUNT', '1000'])) as [
        string,
        string[],
      ];
      cursor = reply[0];
      if (reply[1].length > 0) deleted += Number(await client.send('DEL', reply[1]));
    } while (cursor !== '0');
  } finally {
    client.closeAll();
  }
  return deleted;
}
