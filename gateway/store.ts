import { createClient } from 'redis';
import type { Logger } from 'pino';

/**
 * The gateway's shared store (sessions and counters live here as they are built).
 * With REDIS_URL unset it is an in-process map, fine for one development process only.
 */
export interface Store {
  kind: 'redis' | 'memory';
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(redisUrl: string | undefined, log: Logger): Promise<Store> {
  if (!redisUrl) {
    log.warn('REDIS_URL is unset: using an in-process store; state is lost on restart and not shared between processes');
    return { kind: 'memory', ping: async () => {}, close: async () => {} };
  }
  const client = createClient({ url: redisUrl, socket: { reconnectStrategy: (retries) => Math.min(retries * 100, 2_000) } });
  client.on('error', (error: Error) => log.warn({ err: error.message }, 'redis connection error'));
  await client.connect();
  return {
    kind: 'redis',
    ping: async () => {
      await client.ping();
    },
    close: async () => {
      await client.close();
    },
  };
}
