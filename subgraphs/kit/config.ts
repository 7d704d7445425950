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
  /** PostgreSQL server as the owner, who runs migrations; unset means an embedded PostgreSQL under EMBEDDED_PG_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** The services' own login (member of cmc_app, no BYPASSRLS, owns nothing); unset means DATABASE_URL as `cmc_service`. */
  APP_DATABASE_URL: z.string().url().optional(),
  /** Redis server; unset means an in-process store (development only). */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, 'REDIS_PREFIX: letters, digits, : _ - only').default('cmc:'),
  /** HMAC key (>= 32 bytes) the gateway signs caller assertions with and subgraphs verify. */
  INTERNAL_SIGNING_KEY: z.string().min(32, 'INTERNAL_SIGNING_KEY must be at least 32 characters').optional(),
  /** AES-256-GCM key (32 bytes, base64) of fields encrypted at rest; the lookup-hash key is derived from it. */
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').byteLength === 32 && Buffer.from(value, 'base64').toString('base64') === value, 'DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Accept `Authorization: Bearer dev:<email>` for seeded users: test runs only (NODE_ENV=test). */
  DEV_AUTH: z.enum(['on', 'off']).optional(),
  /** Send the session cookie with `Secure` and the `__Host-` prefix; `off` only for plain-HTTP development hosts. */
  COOKIE_SECURE: z.enum(['on', 'off']).default('on'),
  /** A session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** A session ends this many hours after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(12),
  /** Sign-in attempts allowed per client IP, per username and per clinic in each window. */
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_LIMIT_PER_USERNAME: z.coerce.number().int().min(1).default(10),
  LOGIN_LIMIT_PER_TENANT: z.coerce.number().int().min(1).default(300),
  LOGIN_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
  /** GraphQL operations allowed per session and per clinic in each window. */
  OPERATION_LIMIT_PER_SESSION: z.coerce.number().int().min(1).default(600),
  OPERATION_LIMIT_PER_TENANT: z.coerce.number().int().min(1).default(6_000),
  OPERATION_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
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
  /** The owner's connection: migrations, seeding, maintenance commands. */
  databaseUrl?: string;
  /** The services' connection as given; `serviceDatabaseUrl` (kit/database.ts) derives it when unset. */
  appDatabaseUrl?: string;
  redisUrl?: string;
  redisPrefix: string;
  internalSigningKey: Uint8Array;
  /** 32 bytes: DATA_ENCRYPTION_KEY decoded. */
  dataEncryptionKey: Uint8Array;
  logLevel: Environment['LOG_LEVEL'];
  devAuth: boolean;
  cookieSecure: boolean;
  session: { idleSeconds: number; absoluteSeconds: number };
  limits: RateLimits;
  callerAssertionTtlSeconds: number;
  embeddedPostgres: { dir: string; port: number };
  subgraphUrls: Record<SubgraphName, string>;
  /** Secrets that were missing and generated for this process only (development). */
  generatedSecrets: string[];
}

/** Points per window for each rate limit (rate-limiter-flexible's `points` and `duration`). */
export interface RateLimits {
  loginPerIp: number;
  loginPerUsername: number;
  loginPerTenant: number;
  loginWindowSeconds: number;
  operationsPerSession: number;
  operationsPerTenant: number;
  operationsWindowSeconds: number;
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
  if (e.NODE_ENV !== 'test' && e.DEV_AUTH === 'on') {
    throw new ConfigError(`DEV_AUTH=on is only for test runs (NODE_ENV=test), not NODE_ENV=${e.NODE_ENV}: sign in with a password instead`);
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
    appDatabaseUrl: e.APP_DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    internalSigningKey: new TextEncoder().encode(signingKey),
    dataEncryptionKey: new Uint8Array(Buffer.from(encryptionKey, 'base64')),
    logLevel: e.LOG_LEVEL,
    devAuth: e.NODE_ENV === 'test' && (e.DEV_AUTH ?? 'on') === 'on',
    cookieSecure: e.COOKIE_SECURE === 'on',
    session: { idleSeconds: e.SESSION_IDLE_MINUTES * 60, absoluteSeconds: e.SESSION_ABSOLUTE_HOURS * 3600 },
    limits: {
      loginPerIp: e.LOGIN_LIMIT_PER_IP,
      loginPerUsername: e.LOGIN_LIMIT_PER_USERNAME,
      loginPerTenant: e.LOGIN_LIMIT_PER_TENANT,
      loginWindowSeconds: e.LOGIN_LIMIT_WINDOW_SECONDS,
      operationsPerSession: e.OPERATION_LIMIT_PER_SESSION,
      operationsPerTenant: e.OPERATION_LIMIT_PER_TENANT,
      operationsWindowSeconds: e.OPERATION_LIMIT_WINDOW_SECONDS,
    },
    callerAssertionTtlSeconds: e.CALLER_ASSERTION_TTL_SECONDS,
    embeddedPostgres: { dir: e.EMBEDDED_PG_DIR, port: e.EMBEDDED_PG_PORT },
    subgraphUrls,
    generatedSecrets,
  };
}
