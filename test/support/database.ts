import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

function serverUrl(): URL {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (test/support/globalSetup.mjs sets it)');
  return new URL(url);
}

async function onServer<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl().toString() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server, unique to the calling test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cmc_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await onServer((client) => client.query(`create database ${name}`));
  const url = serverUrl();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}
