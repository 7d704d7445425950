import { stopOnSignal } from './process';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { createOrm } from './orm';
import { SUBGRAPHS } from './subgraphs';
import { startSubgraphServer, type SubgraphDefinition } from './subgraphServer';

/**
 * Entry point of one subgraph in its own process (containers): reads the
 * environment, opens its pool, listens on PORT (or its default port) and shuts
 * down cleanly on SIGTERM. Migrations are applied by `npm run db:migrate`, not here.
 */
export async function runSubgraph(definition: SubgraphDefinition<any>): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, definition.name);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required to run a subgraph on its own');
  if (config.generatedSecrets.length > 0) {
    log.warn({ generated: config.generatedSecrets }, 'secrets generated for this process only; set them to share with the gateway');
  }
  const defaultPort = SUBGRAPHS.find((s) => s.name === definition.name)!.port;
  const orm = await createOrm({ clientUrl: config.databaseUrl, schema: definition.name, entities: definition.entities, migrations: definition.migrations });
  const server = await startSubgraphServer(definition, {
    orm,
    signingKey: config.internalSigningKey,
    dataEncryptionKey: config.dataEncryptionKey,
    log,
    port: config.port ?? defaultPort,
    host: config.host,
  });
  log.info({ url: server.url }, 'subgraph listening');
  stopOnSignal(async () => {
    await server.close();
    await orm.close();
  });
}
