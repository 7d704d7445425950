import type { Logger } from 'pino';
import { subgraphDefinitions } from '../subgraphs';
import type { Config } from '../subgraphs/kit/config';
import { closeAll, migrateAll, openSubgraphOrms, type SubgraphOrms } from '../subgraphs/kit/database';
import { GATEWAY_PORT, SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/subgraphs';
import { startSubgraphServer, type RunningSubgraph } from '../subgraphs/kit/subgraphServer';
import { startGateway, type RunningGateway } from './server';
import { openStore } from './store';

export interface StackOptions {
  config: Config;
  databaseUrl: string;
  log: Logger;
  /** `default`: 4000-4005 (or PORT for the gateway); `ephemeral`: free ports, for tests. */
  ports: 'default' | 'ephemeral';
  /** Connection pool size per subgraph. */
  poolMax?: number;
}

export interface RunningStack {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  orms: SubgraphOrms;
  stop(): Promise<void>;
}

/**
 * The whole graph in one process: migrations, the five subgraphs on their own
 * ports and the gateway in front. Used by `npm start` and by end-to-end tests.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { config, log } = options;
  const orms = await openSubgraphOrms(subgraphDefinitions, options.databaseUrl, options.poolMax);
  await migrateAll(subgraphDefinitions, orms, log);
  const running = await Promise.all(
    subgraphDefinitions.map((definition) =>
      startSubgraphServer(definition, {
        orm: orms[definition.name],
        signingKey: config.internalSigningKey,
        dataEncryptionKey: config.dataEncryptionKey,
        log,
        port: options.ports === 'ephemeral' ? 0 : SUBGRAPHS.find((s) => s.name === definition.name)!.port,
      }),
    ),
  );
  const subgraphs = Object.fromEntries(running.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
  const store = await openStore(config.redisUrl, log);
  const gateway = await startGateway({
    config,
    subgraphUrls: Object.fromEntries(running.map((s) => [s.name, s.url])) as Record<SubgraphName, string>,
    identityOrm: orms.identity,
    store,
    log,
    port: options.ports === 'ephemeral' ? 0 : (config.port ?? GATEWAY_PORT),
  });
  return {
    gateway,
    subgraphs,
    orms,
    async stop() {
      await gateway.close();
      await Promise.all(running.map((s) => s.close()));
      await store.close();
      await closeAll(orms);
    },
  };
}
