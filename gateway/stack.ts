import type { Logger } from 'pino';
import { subgraphDefinitions } from '../subgraphs';
import type { Config } from '../subgraphs/kit/config';
import { closeAll, migrateAll, openServiceOrms, openSubgraphOrms, provisionServiceLogin, serviceDatabaseUrl, type SubgraphOrms } from '../subgraphs/kit/database';
import { GATEWAY_PORT, SUBGRAPHS, type SubgraphName } from '../subgraphs/kit/subgraphs';
import { startSubgraphServer, type RunningSubgraph } from '../subgraphs/kit/subgraphServer';
import { startGateway, type RunningGateway } from './server';
import { plantedLeakName } from '../subgraphs/kit/plantedLeak';
import { openStore } from '../subgraphs/kit/store';
import { systemClock, type Clock } from '../subgraphs/kit/clock';

export interface StackOptions {
  config: Config;
  /** The owner's connection (migrations, seeding); the services log in as `serviceDatabaseUrl` of it. */
  databaseUrl: string;
  log: Logger;
  /** `default`: 4000-4005 (or PORT for the gateway); `ephemeral`: free ports, for tests. */
  ports: 'default' | 'ephemeral';
  /** Connection pool size per subgraph. */
  poolMax?: number;
  /** Time for sessions and lockouts (tests move it); default: the system clock. */
  clock?: Clock;
  /** Record audit events (default true; off only for the benchmark's comparison run). */
  auditTrail?: boolean;
}

export interface RunningStack {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** The owner's pools: migrations, seeding and inspection, never a request. */
  orms: SubgraphOrms;
  /** The services' pools, logged in as the service role; every request runs on them. */
  serviceOrms: SubgraphOrms;
  stop(): Promise<void>;
}

/** The owner's pools see little traffic: migrations, then seeding. */
const OWNER_POOL_MAX = 3;

/**
 * The whole graph in one process: migrations as the owner, the service login set
 * up, the five subgraphs on their own ports and the gateway in front, both on the
 * services' pools. Used by `npm start` and by end-to-end tests.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { config, log } = options;
  const orms = await openSubgraphOrms(subgraphDefinitions, options.databaseUrl, OWNER_POOL_MAX);
  await migrateAll(subgraphDefinitions, orms, log);
  const serviceUrl = serviceDatabaseUrl(config, options.databaseUrl);
  await provisionServiceLogin(orms.identity, serviceUrl, log);
  const serviceOrms = await openServiceOrms(subgraphDefinitions, serviceUrl, options.poolMax);
  const store = await openStore(config.redisUrl, log, config.redisPrefix);
  const clock = options.clock ?? systemClock;
  const running = await Promise.all(
    subgraphDefinitions.map((definition) =>
      startSubgraphServer(definition, {
        orm: serviceOrms[definition.name],
        // Handed over only to a test build that plants a leak for the probe to find.
        ownerOrm: plantedLeakName() ? orms[definition.name] : undefined,
        signingKey: config.internalSigningKey,
        dependencies: { config, store, clock, log },
        log,
        auditTrail: options.auditTrail,
        port: options.ports === 'ephemeral' ? 0 : SUBGRAPHS.find((s) => s.name === definition.name)!.port,
      }),
    ),
  );
  const subgraphs = Object.fromEntries(running.map((s) => [s.name, s])) as Record<SubgraphName, RunningSubgraph>;
  const gateway = await startGateway({
    config,
    subgraphUrls: Object.fromEntries(running.map((s) => [s.name, s.url])) as Record<SubgraphName, string>,
    identityOrm: serviceOrms.identity,
    store,
    clock,
    log,
    port: options.ports === 'ephemeral' ? 0 : (config.port ?? GATEWAY_PORT),
  });
  return {
    gateway,
    subgraphs,
    orms,
    serviceOrms,
    async stop() {
      await gateway.close();
      await Promise.all(running.map((s) => s.close()));
      await store.close();
      await closeAll(serviceOrms);
      await closeAll(orms);
    },
  };
}
