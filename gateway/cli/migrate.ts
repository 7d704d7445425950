/** `npm run db:migrate`: applies every subgraph's committed migrations to DATABASE_URL, in order. */
import { subgraphDefinitions } from '../../subgraphs';
import { loadConfig } from '../../subgraphs/kit/config';
import { closeAll, migrateAll, openSubgraphOrms } from '../../subgraphs/kit/database';
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
    log.info('database is up to date');
  } finally {
    await closeAll(orms);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
