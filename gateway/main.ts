/**
 * The gateway in its own process (containers): subgraphs are reached at
 * IDENTITY_URL, PATIENT_URL, ... and the database must already be migrated
 * (`npm run db:migrate`); it logs in as the services' role, like the subgraphs.
 */
import { runMain, stopOnSignal } from '../subgraphs/kit/process';
import { ConfigError, loadConfig } from '../subgraphs/kit/config';
import { createLogger } from '../subgraphs/kit/logger';
import { createOrm } from '../subgraphs/kit/orm';
import { assertServiceLogin, serviceDatabaseUrl } from '../subgraphs/kit/database';
import { GATEWAY_PORT } from '../subgraphs/kit/subgraphs';
import { identitySubgraph } from '../subgraphs/identity';
import { startGateway } from './server';
import { openStore } from '../subgraphs/kit/store';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'gateway');
  if (!config.appDatabaseUrl && !config.databaseUrl) {
    throw new ConfigError('APP_DATABASE_URL (or DATABASE_URL) is required to run the gateway on its own (npm start runs everything with an embedded database)');
  }
  const clientUrl = serviceDatabaseUrl(config);
  await assertServiceLogin(clientUrl);
  const identityOrm = await createOrm({
    clientUrl,
    schema: 'identity',
    entities: identitySubgraph.entities,
    migrations: identitySubgraph.migrations,
  });
  const store = await openStore(config.redisUrl, log, config.redisPrefix);
  const gateway = await startGateway({
    config,
    subgraphUrls: config.subgraphUrls,
    identityOrm,
    store,
    log,
    port: config.port ?? GATEWAY_PORT,
    host: config.host,
  });
  log.info({ url: gateway.url }, 'gateway listening');
  stopOnSignal(async () => {
    await gateway.close();
    await store.close();
    await identityOrm.close();
  });
}

runMain(main);
