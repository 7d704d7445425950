/**
 * `npm start`: the whole graph in one process. Without DATABASE_URL it runs an
 * embedded PostgreSQL under .data/, applies migrations and seeds demo data once.
 */
import { runMain, stopOnSignal } from '../subgraphs/kit/process';
import { createLogger } from '../subgraphs/kit/logger';
import { loadConfig } from '../subgraphs/kit/config';
import { DEMO_PASSWORD } from '../subgraphs/identity/demo';
import { demoLogins, seedDemoData } from './demoData';
import { DEVELOPMENT_SECRETS_FILE, withDevelopmentSecrets } from './developmentSecrets';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embeddedPostgres';
import { startStack } from './stack';

async function main(): Promise<void> {
  const { env, kept } = withDevelopmentSecrets(process.env);
  const config = loadConfig(env);
  const log = createLogger(config.logLevel, 'cardmetcare');
  if (kept) log.info({ file: DEVELOPMENT_SECRETS_FILE }, 'DATA_ENCRYPTION_KEY is unset: using the development key kept beside the embedded data');
  if (config.generatedSecrets.length > 0) {
    log.warn({ generated: config.generatedSecrets }, 'secrets generated for this process only (development)');
  }
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log.info({ dir: config.embeddedPostgres.dir, port: config.embeddedPostgres.port }, 'DATABASE_URL is unset: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ ...config.embeddedPostgres, log });
    databaseUrl = embedded.url;
  }
  const stack = await startStack({ config, databaseUrl, log, ports: 'default' });
  const seeded = await seedDemoData(stack.orms, log, config.dataEncryptionKey);

  const lines = [
    '',
    `CardMetCare graph is up: ${stack.gateway.url}`,
    seeded ? 'Demo data seeded.' : 'Demo data already present.',
  ];
  lines.push(`Demo logins (password for all: ${DEMO_PASSWORD}); sign in with the login mutation, see README "Try it":`);
  for (const login of demoLogins()) {
    lines.push(`  ${login.role.padEnd(15)} tenant: ${(login.slug ?? '(none)').padEnd(10)} email: ${login.email}`);
  }
  console.log(lines.join('\n'));

  stopOnSignal(async () => {
    await stack.stop();
    await embedded?.stop();
  });
}

runMain(main);
