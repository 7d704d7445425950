import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../subgraphs/kit/callerAssertion';
import { unauthenticated } from '../subgraphs/kit/errors';
import { TENANT_FILTER } from '../subgraphs/kit/orm';
import { UserSchema } from '../subgraphs/identity/entities';

export const ANONYMOUS: Caller = { userId: null, tenantId: null, roles: [], patientId: null, sessionId: null, clientId: null };

const DEV_TOKEN = /^Bearer dev:(\S{3,254})$/;

export interface CallerResolverOptions {
  identityOrm: MikroORM;
  /** Accept development bearer tokens (`Bearer dev:<email>`); never on in production. */
  devAuth: boolean;
}

/**
 * Authenticates the HTTP caller. Until sign-in sessions exist, the only credential
 * is the development bearer token naming a seeded user by email; without one the
 * caller is anonymous, and a credential that does not check out is refused (401).
 */
export function createCallerResolver({ identityOrm, devAuth }: CallerResolverOptions) {
  return async function resolveCaller(request: FastifyRequest): Promise<Caller> {
    const authorization = request.headers.authorization;
    if (!authorization) return ANONYMOUS;
    const match = devAuth ? DEV_TOKEN.exec(authorization) : null;
    if (!match) throw unauthenticated('Unsupported or invalid credentials');
    const users = await identityOrm.em
      .fork()
      .find(UserSchema, { email: { $ilike: match[1]!.replace(/[\\%_]/g, (c) => `\\${c}`) } }, { filters: { [TENANT_FILTER]: false }, limit: 2 });
    if (users.length !== 1) throw unauthenticated('Unsupported or invalid credentials');
    const user = users[0]!;
    return { userId: user.id, tenantId: user.tenantId, roles: [user.role], patientId: user.patientId, sessionId: null, clientId: null };
  };
}
