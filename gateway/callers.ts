import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { recordAuditEvent } from '../subgraphs/kit/audit';
import type { Caller } from '../subgraphs/kit/callerAssertion';
import type { Clock } from '../subgraphs/kit/clock';
import { unauthenticatedRequest } from '../subgraphs/kit/errors';
import { TENANT_FILTER } from '../subgraphs/kit/orm';
import type { Sessions } from '../subgraphs/kit/sessions';
import { TenantSchema, UserSchema } from '../subgraphs/identity/entities';
import { cookieValue } from './sessionCookie';

export const ANONYMOUS: Caller = { userId: null, tenantId: null, tenantActive: false, roles: [], patientId: null, sessionId: null, clientId: null };

const DEV_TOKEN = /^Bearer dev:(\S{3,254})$/;
/** How long a clinic's verification status is trusted before it is read again. */
const TENANT_STATUS_TTL_MS = 5_000;

export interface CallerResolverOptions {
  identityOrm: MikroORM;
  sessions: Sessions;
  /** The session cookie's name (`__Host-cmc_session`, or `cmc_session` without Secure). */
  cookieName: string;
  /** Accept development bearer tokens (`Bearer dev:<email>`): test runs only. */
  devAuth: boolean;
  clock: Clock;
  log: Logger;
}

/** What the gateway learnt about the HTTP caller. `staleCookie`: a cookie that names no live session, to clear. */
export interface ResolvedCaller {
  caller: Caller;
  staleCookie: boolean;
}

/**
 * Authenticates the HTTP caller from the session cookie. A cookie naming no live
 * session makes the caller anonymous (and is cleared), so signing in again always
 * works; a session that just timed out is ended and its end audited. In test runs
 * a development bearer token may name a seeded user instead.
 */
export function createCallerResolver(options: CallerResolverOptions) {
  const { identityOrm, sessions, clock, log } = options;
  const statusCache = new Map<string, { active: boolean; at: number }>();

  async function tenantActive(tenantId: string | null): Promise<boolean> {
    if (!tenantId) return false;
    const cached = statusCache.get(tenantId);
    if (cached && Date.now() - cached.at < TENANT_STATUS_TTL_MS) return cached.active;
    const tenant = await identityOrm.em.fork().findOne(TenantSchema, { id: tenantId }, { fields: ['status'] });
    const active = tenant?.status === 'ACTIVE';
    statusCache.set(tenantId, { active, at: Date.now() });
    return active;
  }

  async function fromDevToken(email: string): Promise<Caller> {
    const users = await identityOrm.em
      .fork()
      .find(UserSchema, { email: { $ilike: email.replace(/[\\%_]/g, (c) => `\\${c}`) } }, { filters: { [TENANT_FILTER]: false }, limit: 2 });
    if (users.length !== 1) throw unauthenticatedRequest('Unsupported or invalid credentials');
    const user = users[0]!;
    return { userId: user.id, tenantId: user.tenantId, tenantActive: await tenantActive(user.tenantId), roles: [user.role], patientId: user.patientId, sessionId: null, clientId: null };
  }

  return async function resolveCaller(request: FastifyRequest): Promise<ResolvedCaller> {
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = options.devAuth ? DEV_TOKEN.exec(authorization) : null;
      if (!match) throw unauthenticatedRequest('Unsupported credentials: sign in with `login` and send the session cookie');
      return { caller: await fromDevToken(match[1]!), staleCookie: false };
    }
    const token = cookieValue(request.headers.cookie, options.cookieName);
    if (!token) return { caller: ANONYMOUS, staleCookie: false };
    const resolved = await sessions.resolve(token);
    if (!resolved) return { caller: ANONYMOUS, staleCookie: true };
    const { session } = resolved;
    if ('ended' in resolved) {
      const ended = { ...ANONYMOUS, userId: session.userId, tenantId: session.tenantId, roles: [session.role], sessionId: session.id };
      await recordAuditEvent(identityOrm.em.fork(), { ...ended, requestId: request.id, clientIp: request.ip, userAgent: request.headers['user-agent']?.slice(0, 256) ?? null }, {
        action: resolved.ended === 'idle' ? 'session.timeout' : 'session.expire',
        class: 'login',
        outcome: 'SUCCESS',
        targetType: 'Session',
        targetId: session.id,
      }).catch((error: unknown) => log.error({ err: error, rid: request.id }, 'session end could not be audited'));
      return { caller: ANONYMOUS, staleCookie: true };
    }
    return {
      caller: {
        userId: session.userId,
        tenantId: session.tenantId,
        tenantActive: await tenantActive(session.tenantId),
        roles: [session.role],
        patientId: session.patientId,
        sessionId: session.id,
        clientId: null,
      },
      staleCookie: false,
    };
  };
}
