import { systemClock } from './clock';
import { stopOnSignal } from './process';
import { openStore } from './store';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { createOrm } from './orm';
import { assertServiceLogin, serviceDatabaseUrl } from './database';
import { SUBGRAPHS } from './subgraphs';
import { startSubgraphServer, type SubgraphDefinition } from './subgraphServer';

/**
 * Entry point of one subgraph in its own process (containers): reads the
 * environment, opens its pool, listens on PORT (or its default port) and shuts
 * down cleanly on SIGTERM. It logs in as the services' role (APP_DATABASE_URL);
 * migrations are applied, and that role set up, by `npm run db:migrate`, not here.
 */
export async function runSubgraph(definition: SubgraphDefinition<any>): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, definition.name);
  if (!config.appDatabaseUrl && !config.databaseUrl) throw new Error('APP_DATABASE_URL (or DATABASE_URL) is required to run a subgraph on its own');
  if (config.generatedSecrets.length > 0) {
    log.warn({ generated: config.generatedSecrets }, 'secrets generated for this process only; set them to share with the gateway');
  }
  const defaultPort = SUBGRAPHS.find((s) => s.name === definition.name)!.port;
  const clientUrl = serviceDatabaseUrl(config);
  await assertServiceLogin(clientUrl);
  const orm = await createOrm({ clientUrl, schema: definition.name, entities: definition.entities, migrations: definition.migrations });
  const store = await openStore(config.redisUrl, log, config.redisPrefix);
  const server = await startSubgraphServer(definition, {
    orm,
    dependencies: { config, store, clock: systemClock, log },
    signingKey: config.internalSigningKey,
    log,
    port: config.port ?? defaultPort,
    host: config.host,
  });
  log.info({ url: server.url }, 'subgraph listening');
  stopOnSignal(async () => {
    await server.close();
    await store.close();
    await orm.close();
  });
}
