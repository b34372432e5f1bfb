import type { Redis } from 'ioredis';

/** The BullMQ adapter's own Lua commands (dedupe lock and pointer), typed. */
export interface QueueLuaCommands {
  /** `SET key token NX PX ttlMs`: `'OK'` when the lock was taken, `null` when it is held. */
  lock(key: string, token: string, ttlMs: number): Promise<'OK' | null>;
  /** Deletes `key` when it still holds `value`; resolves how many keys were deleted. */
  deleteIfEquals(key: string, value: string): Promise<number>;
}

const LOCK_SCRIPT = "return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])";
const DELETE_IF_EQUALS_SCRIPT =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

type LuaCommand = (...args: Array<string | number>) => Promise<unknown>;

/**
 * Registers the adapter's Lua scripts on an ioredis client with `defineCommand` (ioredis runs
 * them by SHA and sends the script itself when the server does not know it yet) and returns
 * them typed.
 *
 * @example
 * ```ts
 * const lua = defineQueueLuaCommands(client);
 * if ((await lua.lock('bsq:lock:order:42', token, 10_000)) === 'OK') { … }
 * await lua.deleteIfEquals('bsq:lock:order:42', token);
 * ```
 */
export function defineQueueLuaCommands(client: Redis): QueueLuaCommands {
  client.defineCommand('bsqLock', { numberOfKeys: 1, lua: LOCK_SCRIPT });
  client.defineCommand('bsqDeleteIfEquals', { numberOfKeys: 1, lua: DELETE_IF_EQUALS_SCRIPT });
  const commands = client as unknown as Record<'bsqLock' | 'bsqDeleteIfEquals', LuaCommand>;
  return {
    lock: (key, token, ttlMs) => commands.bsqLock(key, token, ttlMs) as Promise<'OK' | null>,
    deleteIfEquals: (key, value) => commands.bsqDeleteIfEquals(key, value) as Promise<number>,
  };
}
