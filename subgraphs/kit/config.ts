import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SUBGRAPHS, type SubgraphName } from './subgraphs';

/**
 * Every environment variable the graph reads, parsed and validated once at start.
 * README.md lists the same variables with their defaults; a test keeps the two in step.
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Port of the process being started: the gateway (4000) or one subgraph (4001-4005). */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address to listen on; containers need 0.0.0.0. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL server; unset means an embedded PostgreSQL under EMBEDDED_PG_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Redis server; unset means an in-process store (development only). */
  REDIS_URL: z.string().url().optional(),
  /** HMAC key (>= 32 bytes) the gateway signs caller assertions with and subgraphs verify. */
  INTERNAL_SIGNING_KEY: z.string().min(32, 'INTERNAL_SIGNING_KEY must be at least 32 characters').optional(),
  /** AES-256-GCM key (32 bytes, base64) of fields encrypted at rest; the lookup-hash key is derived from it. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').byteLength === 32 && Buffer.from(value, 'base64').toString('base64') === value, 'DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Accept `Authorization: Bearer dev:<email>` for seeded users. Never honoured in production. */
  DEV_AUTH: z.enum(['on', 'off']).optional(),
  /** Lifetime of a caller assertion in seconds (at most 60). */
  CALLER_ASSERTION_TTL_SECONDS: z.coerce.number().int().min(5).max(60).default(30),
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  IDENTITY_URL: z.string().url().optional(),
  PATIENT_URL: z.string().url().optional(),
  CONSENT_URL: z.string().url().optional(),
  BILLING_URL: z.string().url().optional(),
  AUDIT_URL: z.string().url().optional(),
});

export type Environment = z.infer<typeof environmentSchema>;
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape) as (keyof Environment)[];

export interface Config {
  nodeEnv: Environment['NODE_ENV'];
  port?: number;
  host: string;
  databaseUrl?: string;
  redisUrl?: string;
  internalSigningKey: Uint8Array;
  /** 32 bytes: DATA_ENCRYPTION_KEY decoded. */
  dataEncryptionKey: Uint8Array;
  logLevel: Environment['LOG_LEVEL'];
  devAuth: boolean;
  callerAssertionTtlSeconds: number;
  embeddedPostgres: { dir: string; port: number };
  subgraphUrls: Record<SubgraphName, string>;
  /** Secrets that were missing and generated for this process only (development). */
  generatedSecrets: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment into a typed configuration; throws ConfigError with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const generatedSecrets: string[] = [];

  let signingKey = e.INTERNAL_SIGNING_KEY;
  if (!signingKey) {
    if (production) {
      throw new ConfigError('INTERNAL_SIGNING_KEY is required when NODE_ENV=production (32+ random characters, shared by the gateway and every subgraph)');
    }
    signingKey = randomBytes(32).toString('base64url');
    generatedSecrets.push('INTERNAL_SIGNING_KEY');
  }
  let encryptionKey = e.DATA_ENCRYPTION_KEY;
  if (!encryptionKey) {
    if (production) {
      throw new ConfigError('DATA_ENCRYPTION_KEY is required when NODE_ENV=production (32 random bytes, base64: openssl rand -base64 32; the same for every process)');
    }
    encryptionKey = randomBytes(32).toString('base64');
    generatedSecrets.push('DATA_ENCRYPTION_KEY');
  }
  if (production && e.DEV_AUTH === 'on') {
    throw new ConfigError('DEV_AUTH=on is not allowed when NODE_ENV=production');
  }

  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map(({ name, port }) => [
      name,
      e[`${name.toUpperCase()}_URL` as `${Uppercase<SubgraphName>}_URL`] ?? `http://127.0.0.1:${port}/graphql`,
    ]),
  ) as Record<SubgraphName, string>;

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    internalSigningKey: new TextEncoder().encode(signingKey),
    dataEncryptionKey: new Uint8Array(Buffer.from(encryptionKey, 'base64')),
    logLevel: e.LOG_LEVEL,
    devAuth: !production && (e.DEV_AUTH ?? 'on') === 'on',
    callerAssertionTtlSeconds: e.CALLER_ASSERTION_TTL_SECONDS,
    embeddedPostgres: { dir: e.EMBEDDED_PG_DIR, port: e.EMBEDDED_PG_PORT },
    subgraphUrls,
    generatedSecrets,
  };
}
