/**
 * One subgraph of the dashboard bench (BENCH_SUBGRAPH) in a process of its own, as
 * docker-compose.yml runs each, on the database `seedDashboardDatabase` prepared
 * (BENCH_DATABASE_URL, as the services' login). Started by `startBenchChild`; reports its name and URL.
 */
import pino from 'pino';
import { subgraphDefinitions } from '../../subgraphs';
import { loadConfig } from '../../subgraphs/kit/config';
import { closeAll, openServiceOrms, serviceDatabaseUrl } from '../../subgraphs/kit/database';
import { runMain, stopOnSignal } from '../../subgraphs/kit/process';
import { openStore } from '../../subgraphs/kit/store';
import type { SubgraphName } from '../../subgraphs/kit/subgraphs';
import { startSubgraphServer } from '../../subgraphs/kit/subgraphServer';
import { systemClock } from '../../subgraphs/kit/clock';
import { answerUsage } from './child';

export interface SubgraphReady {
  name: SubgraphName;
  url: string;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const definition = subgraphDefinitions.find((d) => d.name === process.env.BENCH_SUBGRAPH);
  if (!databaseUrl || !definition || !process.send) throw new Error('subgraphProcess is started by startBenchChild with BENCH_SUBGRAPH');
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const log = pino({ level: 'warn', base: undefined });
  const orms = await openServiceOrms([definition], serviceDatabaseUrl({ databaseUrl }));
  const store = await openStore(config.redisUrl, log, config.redisPrefix);
  // startSubgraphServer keeps its sockets alive longer than the gateway's idle timeout, as in production.
  const server = await startSubgraphServer(definition, {
    orm: orms[definition.name],
    signingKey: config.internalSigningKey,
    dependencies: { config, store, clock: systemClock, log },
    log,
    port: 0,
  });
  stopOnSignal(async () => {
    await server.close();
    await store.close();
    await closeAll(orms);
  });
  const ready: SubgraphReady = { name: definition.name, url: server.url };
  process.send(ready);
  answerUsage();
}

runMain(main);
