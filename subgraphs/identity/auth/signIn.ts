import { recordAuditEvent } from '../../kit/audit';
import { graphqlError, notFound, unauthenticated, badUserInput } from '../../kit/errors';
import { TENANT_FILTER } from '../../kit/orm';
import { consumeAll } from '../../kit/rateLimits';
import { SESSION_HANDOFF_HEADER, type SessionRecord } from '../../kit/sessions';
import { TenantSchema, UserSchema, type User } from '../entities';
import type { Context } from '../loaders';
import { lockedUntil, recordFailure, recordSuccess, usernameKey } from './lockout';
import { hashPassword, passwordProblem, verifyDecoy, verifyPassword } from './passwords';

/** One answer for an unknown clinic, an unknown user and a wrong password: nothing to enumerate. */
const WRONG_CREDENTIALS = 'Wrong clinic, email or password';

const locked = (until: Date, now: number) =>
  graphqlError('LOCKED', 'Too many failed sign-ins: this account is locked for now; try again later or ask your clinic admin', {
    retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - now) / 1000)),
  });

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The user a clinic slug and email name, across tenants (the caller has none yet). */
async function findAccount(ctx: Context, tenantSlug: string | null, email: string): Promise<{ user: User; clinicName: string | null } | null> {
  const em = ctx.em;
  const tenant = tenantSlug ? await em.findOne(TenantSchema, { slug: tenantSlug.toLowerCase() }) : null;
  if (tenantSlug && (!tenant || tenant.status === 'REJECTED' || tenant.status === 'SUSPENDED')) return null;
  const user = await em.findOne(
    UserSchema,
    { tenantId: tenant?.id ?? null, email: { $ilike: escapeLike(email.trim()) } },
    { filters: { [TENANT_FILTER]: false } },
  );
  return user ? { user, clinicName: tenant?.name ?? null } : null;
}

/**
 * Signs in: rate limits per IP, username and clinic first, then the lockout, then
 * the password (a decoy verification when there is no account, for equal timing).
 * On success the caller's previous session ends, a new one starts and its token
 * goes to the gateway for the cookie.
 */
export async function login(ctx: Context, args: { tenant?: string | null; email: string; password: string }): Promise<User> {
  const { services, caller } = ctx;
  const tenantSlug = args.tenant?.trim() || null;
  const key = usernameKey(tenantSlug, args.email);
  const limits = services.loginLimits;
  await consumeAll(
    [
      [limits.perIp, caller.clientIp ?? 'unknown'],
      [limits.perUsername, key],
      [limits.perTenant, tenantSlug ?? 'platform'],
    ],
    'sign-in attempts',
  );
  const now = services.clock();
  const account = await findAccount(ctx, tenantSlug, args.email);
  ctx.auditSubject = { tenantId: account?.user.tenantId ?? null, userId: null, role: null, targetType: 'User', targetId: account?.user.id ?? null };
  const lockEnd = await lockedUntil(ctx.em, key, new Date(now));
  if (lockEnd) throw locked(lockEnd, now);

  const passwordHash = account?.user.passwordHash;
  const valid = passwordHash ? await verifyPassword(passwordHash, args.password) : await verifyDecoy(args.password);
  if (!account || !valid) {
    const lock = await recordFailure(ctx.em, key, new Date(now));
    if (lock) {
      // A privileged action outside any mutation of its own: recorded through the same writer.
      await recordAuditEvent(ctx.em.fork(), { ...caller, tenantId: account?.user.tenantId ?? null, userId: null, roles: [] }, {
        action: 'account.lock',
        class: 'security',
        outcome: 'SUCCESS',
        targetType: 'User',
        targetId: account?.user.id ?? null,
      });
    }
    throw unauthenticated(WRONG_CREDENTIALS);
  }

  const { user } = account;
  await recordSuccess(ctx.em, key);
  if (caller.sessionId) await services.sessions.end(caller.sessionId);
  const { token } = await services.sessions.start({
    userId: user.id,
    tenantId: user.tenantId,
    role: user.role,
    patientId: user.patientId,
    clientIp: caller.clientIp,
    userAgent: caller.userAgent,
  });
  ctx.responseHeaders.set(SESSION_HANDOFF_HEADER, token);
  ctx.auditSubject = { tenantId: user.tenantId, userId: user.id, role: user.role };
  return user;
}

/** Ends the caller's session on the server and clears the cookie. */
export async function logout(ctx: Context): Promise<boolean> {
  if (!ctx.caller.sessionId) throw badUserInput('This request has no session to end');
  await ctx.services.sessions.end(ctx.caller.sessionId);
  ctx.responseHeaders.set(SESSION_HANDOFF_HEADER, '');
  return true;
}

/** Checks the current password, applies the policy, stores the new hash and ends the user's other sessions. */
export async function changePassword(ctx: Context, args: { currentPassword: string; newPassword: string }): Promise<boolean> {
  const { caller, services, em } = ctx;
  await consumeAll([[services.loginLimits.perUsername, `password-change:${caller.userId}`]], 'password attempts');
  const user = await em.findOne(UserSchema, { id: caller.userId! }, { filters: { [TENANT_FILTER]: false } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, args.currentPassword))) {
    throw unauthenticated('The current password is not right');
  }
  const tenant = user.tenantId ? await em.findOne(TenantSchema, { id: user.tenantId }) : null;
  const problem = passwordProblem(args.newPassword, { email: user.email, name: user.name, clinicName: tenant?.name });
  if (problem) throw badUserInput(problem, 'newPassword');
  user.passwordHash = await hashPassword(args.newPassword);
  user.passwordChangedAt = new Date(services.clock());
  await em.flush();
  ctx.auditSubject = { targetType: 'User', targetId: user.id };
  await services.sessions.endAllOf(user.id, caller.sessionId);
  return true;
}

/** Whether the caller may see or end the session: their own, or a TENANT_ADMIN's over a user of the clinic. */
export function mayManageSession(ctx: Context, session: SessionRecord): boolean {
  const { caller } = ctx;
  if (session.userId === caller.userId) return true;
  return caller.roles.includes('TENANT_ADMIN') && caller.tenantId !== null && session.tenantId === caller.tenantId;
}

/** Ends a session by id; anything the caller may not manage is NOT_FOUND, like a missing one. */
export async function terminateSession(ctx: Context, id: string): Promise<boolean> {
  const session = await ctx.services.sessions.find(id);
  if (!session || !mayManageSession(ctx, session)) throw notFound('Session', id);
  await ctx.services.sessions.end(id);
  ctx.auditSubject = { targetType: 'Session', targetId: id };
  if (id === ctx.caller.sessionId) ctx.responseHeaders.set(SESSION_HANDOFF_HEADER, '');
  return true;
}
