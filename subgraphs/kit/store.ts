import { createClient, type RedisClientType } from 'redis';
import type { Logger } from 'pino';

/**
 * The shared key-value store behind sessions and rate limits: Redis, or with
 * REDIS_URL unset an in-process map, fine for one development process only.
 * Commands fail fast while Redis is unreachable (no offline queue), so callers
 * see the outage at once and fall back where they can (the rate limiters do).
 */
export interface Store {
  kind: 'redis' | 'memory';
  /** Prepended to every key (REDIS_PREFIX), so deployments or test runs can share one Redis. */
  prefix: string;
  /** The Redis client for rate-limiter-flexible; null for the in-process store. */
  redis: RedisClientType | null;
  get(key: string): Promise<string | null>;
  /** Sets the value with a time to live in whole seconds (at least 1). */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  del(...keys: string[]): Promise<void>;
  setAdd(key: string, member: string, ttlSeconds: number): Promise<void>;
  setRemove(key: string, ...members: string[]): Promise<void>;
  setMembers(key: string): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const CONNECT_WAIT_MS = 3_000;

/** The URL without its password, for logs. */
const redactedUrl = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

/** Opens Redis at `redisUrl`, or the in-process store (with a warning) when it is unset. */
export async function openStore(redisUrl: string | undefined, log: Logger, prefix = 'cmc:'): Promise<Store> {
  if (!redisUrl) {
    log.warn('REDIS_URL is unset: using an in-process store; sessions and limits are lost on restart and not shared between processes');
    return memoryStore(prefix);
  }
  const client = createClient({
    url: redisUrl,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(retries * 100, 2_000) },
  }) as RedisClientType;
  client.on('error', (error: Error) => log.warn({ err: error.message }, 'redis connection error'));
  // An unreachable Redis does not stop the start (connect() would wait for it forever):
  // after a few seconds the process goes on, limits fall back to memory, sessions report the outage.
  const connected = client.connect().then(() => true, () => false);
  const ready = await Promise.race([connected, new Promise<false>((resolve) => setTimeout(resolve, CONNECT_WAIT_MS, false).unref())]);
  if (!ready) log.error({ url: redactedUrl(redisUrl) }, 'redis unreachable at start; retrying in the background');
  const k = (key: string) => prefix + key;
  return {
    kind: 'redis',
    prefix,
    redis: client,
    get: (key) => client.get(k(key)),
    set: async (key, value, ttlSeconds) => {
      await client.set(k(key), value, { expiration: { type: 'EX', value: Math.max(1, Math.ceil(ttlSeconds)) } });
    },
    del: async (...keys) => {
      if (keys.length) await client.del(keys.map(k));
    },
    setAdd: async (key, member, ttlSeconds) => {
      await client.multi().sAdd(k(key), member).expire(k(key), Math.max(1, Math.ceil(ttlSeconds))).exec();
    },
    setRemove: async (key, ...members) => {
      if (members.length) await client.sRem(k(key), members);
    },
    setMembers: (key) => client.sMembers(k(key)),
    ping: async () => {
      await client.ping();
    },
    close: async () => {
      if (client.isOpen) await client.close();
      else client.destroy();
    },
  };
}

function memoryStore(prefix: string): Store {
  const values = new Map<string, { value: string | Set<string>; expiresAt: number }>();
  const live = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.expiresAt <= Date.now()) values.delete(key);
    return values.get(key);
  };
  const members = (key: string) => {
    const value = live(key)?.value;
    return value instanceof Set ? value : new Set<string>();
  };
  return {
    kind: 'memory',
    prefix,
    redis: null,
    get: async (key) => {
      const value = live(key)?.value;
      return typeof value === 'string' ? value : null;
    },
    set: async (key, value, ttlSeconds) => {
      values.set(key, { value, expiresAt: Date.now() + Math.max(1, ttlSeconds) * 1000 });
    },
    del: async (...keys) => keys.forEach((key) => values.delete(key)),
    setAdd: async (key, member, ttlSeconds) => {
      values.set(key, { value: members(key).add(member), expiresAt: Date.now() + Math.max(1, ttlSeconds) * 1000 });
    },
    setRemove: async (key, ...removed) => {
      const set = members(key);
      removed.forEach((member) => set.delete(member));
    },
    setMembers: async (key) => [...members(key)],
    ping: async () => {},
    close: async () => values.clear(),
  };
}
