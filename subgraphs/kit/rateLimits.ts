import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimits } from './config';
import { graphqlError } from './errors';
import type { Store } from './store';

/** One limit: `points` per `duration` seconds, per key. */
export interface Limit {
  name: string;
  points: number;
  duration: number;
}

/**
 * A rate limiter on the shared store, with an in-memory insurance limiter of the
 * same size: while Redis is down, every process still enforces the limit on its
 * own, so an outage neither opens the door nor takes sign-in down.
 */
export function createLimiter(store: Store, limit: Limit): RateLimiterAbstract {
  const options = { keyPrefix: `${store.prefix}limit:${limit.name}`, points: limit.points, duration: limit.duration };
  if (!store.redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: store.redis,
    useRedisPackage: true,
    // While the connection is down the insurance limiter answers at once, without waiting on Redis.
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/**
 * The RATE_LIMITED error, with the wait in `retryAfterSeconds`. As a request error
 * (the gateway refusing before any field runs) it also carries HTTP 429 and
 * Retry-After; inside a subgraph's response the gateway maps it to 429 itself,
 * since a subgraph's 429 would read to the gateway as a failed fetch.
 */
export function rateLimited(retryAfterSeconds: number, what: string, requestError = false) {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return graphqlError('RATE_LIMITED', `Too many ${what}; try again in ${seconds} s`, {
    retryAfterSeconds: seconds,
    ...(requestError ? { http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) } } : {}),
  });
}

/**
 * Consumes one point from each limiter under its key; throws RATE_LIMITED (with the
 * longest wait) when any is exhausted. Every limiter is charged, so a key cannot
 * dodge one limit by tripping another first.
 */
export async function consumeAll(entries: [RateLimiterAbstract, string][], what: string, requestError = false): Promise<void> {
  const results = await Promise.allSettled(entries.map(([limiter, key]) => limiter.consume(key)));
  const waits = results.flatMap((result) => {
    if (result.status === 'fulfilled') return [];
    if (result.reason instanceof RateLimiterRes) return [result.reason.msBeforeNext / 1000];
    throw result.reason;
  });
  if (waits.length) throw rateLimited(Math.max(...waits), what, requestError);
}

/** The sign-in limiters: per client IP, per username and per clinic. */
export function loginLimiters(store: Store, limits: RateLimits) {
  const duration = limits.loginWindowSeconds;
  return {
    perIp: createLimiter(store, { name: 'login-ip', points: limits.loginPerIp, duration }),
    perUsername: createLimiter(store, { name: 'login-username', points: limits.loginPerUsername, duration }),
    perTenant: createLimiter(store, { name: 'login-tenant', points: limits.loginPerTenant, duration }),
  };
}

/** The operation limiters at the gateway: per session and per clinic. */
export function operationLimiters(store: Store, limits: RateLimits) {
  const duration = limits.operationsWindowSeconds;
  return {
    perSession: createLimiter(store, { name: 'ops-session', points: limits.operationsPerSession, duration }),
    perTenant: createLimiter(store, { name: 'ops-tenant', points: limits.operationsPerTenant, duration }),
  };
}
