import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { seedClinic } from '../../gateway/demoData';
import { demoClinic, demoPasswordHash } from '../../subgraphs/identity/demo';
import { UserSchema } from '../../subgraphs/identity/entities';
import { startStack, type RunningStack } from '../../gateway/stack';
import type { Clock } from '../../subgraphs/kit/clock';
import { loadConfig, type Config } from '../../subgraphs/kit/config';
import { createTestDatabase, type TestDatabase } from './database';

export interface TestStack extends RunningStack {
  config: Config;
  database: TestDatabase;
  /** Every log line the stack wrote, as parsed JSON. */
  logLines: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The real graph on free ports over its own fresh database: migrations applied,
 * subgraphs and gateway listening over HTTP, logs captured for assertions.
 */
export async function startTestStack(env: NodeJS.ProcessEnv = {}, options: { clock?: Clock } = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  // Its own key prefix: sessions and rate-limit counters of parallel test files never meet in Redis.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `cmc-test-${randomUUID().slice(0, 8)}:`, ...env });
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const log = pino({ level: 'info', base: undefined }, sink);
  const stack = await startStack({ config, databaseUrl: database.url, log, ports: 'ephemeral', poolMax: 5, clock: options.clock });
  return {
    ...stack,
    config,
    database,
    logLines,
    async close() {
      await stack.stop();
      await database.drop();
    },
  };
}

/** A clinic of the test stack with a unique slug, so its demo emails are unique too. */
export async function seedTestClinic(stack: TestStack, patientCount: number, stateCode = '27') {
  const slug = `clinic-${randomUUID().slice(0, 8)}`;
  return { slug, ...(await seedClinic(stack.orms, demoClinic(slug, `Clinic ${slug}`, stateCode), patientCount, stack.config.dataEncryptionKey)) };
}

/** A platform admin with the demo password; returns the email to sign in with (no tenant). */
export async function seedPlatformAdmin(stack: RunningStack): Promise<string> {
  const email = `platform-${randomUUID().slice(0, 8)}@platform.example`;
  const em = stack.orms.identity.em.fork();
  em.create(UserSchema, { tenantId: null, email, name: 'Test Platform Admin', role: 'PLATFORM_ADMIN', patientId: null, passwordHash: await demoPasswordHash() });
  await em.flush();
  return email;
}

export interface GraphQLResponse<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs a GraphQL operation over real HTTP. */
export async function graphql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T>["body"] };
}

export const devToken = (email: string) => ({ authorization: `Bearer dev:${email}` });

/** Raw SQL on the test database (any subgraph's pool reaches every schema). */
export function sql<Row = any>(stack: RunningStack, query: string, params: unknown[] = []): Promise<Row[]> {
  return stack.orms.identity.em.getConnection().execute(query, params) as Promise<Row[]>;
}
