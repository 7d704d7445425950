/**
 * `npm run db:migrate`: applies every subgraph's committed migrations to DATABASE_URL
 * (the owner), in order, then sets up the services' login role (APP_DATABASE_URL, or
 * DATABASE_URL as `cmc_service`).
 */
import { subgraphDefinitions } from '../../subgraphs';
import { loadConfig } from '../../subgraphs/kit/config';
import { closeAll, migrateAll, openSubgraphOrms, provisionServiceLogin, serviceDatabaseUrl } from '../../subgraphs/kit/database';
import { createLogger } from '../../subgraphs/kit/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'migrate');
  if (!config.databaseUrl) {
    console.error('DATABASE_URL is required (npm start migrates the embedded database by itself)');
    process.exit(2);
  }
  const orms = await openSubgraphOrms(subgraphDefinitions, config.databaseUrl, 2);
  try {
    await migrateAll(subgraphDefinitions, orms, log);
    const serviceUrl = serviceDatabaseUrl(config);
    await provisionServiceLogin(orms.identity, serviceUrl, log);
    log.info({ serviceLogin: decodeURIComponent(new URL(serviceUrl).username) }, 'database is up to date');
  } finally {
    await closeAll(orms);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
