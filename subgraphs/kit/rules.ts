import { and, rule } from 'graphql-shield';
import type { Role } from './roles';
import type { RequestContext } from './context';
import { forbidden, unauthenticated } from './errors';

/**
 * Shield rules shared by every subgraph (isolation layer 4). They read the caller
 * assertion only; tenant scoping of data is the entity manager's job.
 */
type Ctx = RequestContext<unknown>;

/** The caller is a signed-in user or machine client. */
export const isSignedIn = rule({ cache: 'contextual' })((_parent, _args, ctx: Ctx) =>
  ctx.caller.userId !== null || ctx.caller.clientId !== null ? true : unauthenticated('Sign in to continue'),
);

const roleRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();

/** The caller holds one of the roles. One rule per role set: shield rejects two rules of one name. */
export function hasRole(...roles: Role[]) {
  const name = `hasRole:${[...roles].sort().join('|')}`;
  let roleRule = roleRules.get(name);
  if (!roleRule) {
    roleRule = rule(name, { cache: 'contextual' })((_parent, _args, ctx: Ctx) =>
      ctx.caller.roles.some((role) => roles.includes(role)) ? true : forbidden(),
    );
    roleRules.set(name, roleRule);
  }
  return roleRule;
}

/** The caller acts inside a tenant (clinic). */
export const belongsToTenant = rule({ cache: 'contextual' })((_parent, _args, ctx: Ctx) =>
  ctx.caller.tenantId !== null ? true : forbidden(),
);

/**
 * Signed in, inside a tenant, holding one of the roles: the answer of
 * `and(isSignedIn, belongsToTenant, hasRole(...roles))`, errors included (UNAUTHENTICATED
 * first, then FORBIDDEN), in one contextual rule. These rules guard fields of every item
 * of a page, and shield evaluates a logic rule and each of its parts anew for each field,
 * while a contextual rule is one cached lookup after the first.
 */
function tenantRole(name: string, ...roles: Role[]) {
  return rule(name, { cache: 'contextual' })((_parent, _args, ctx: Ctx) => {
    if (ctx.caller.userId === null && ctx.caller.clientId === null) return unauthenticated('Sign in to continue');
    if (ctx.caller.tenantId === null) return forbidden();
    return ctx.caller.roles.some((role) => roles.includes(role)) ? true : forbidden();
  });
}

/** Clinic staff of the caller's own tenant. */
export const isClinicStaff = tenantRole('isClinicStaff', 'CLINICIAN', 'TENANT_ADMIN');
export const isClinician = tenantRole('isClinician', 'CLINICIAN');
export const isTenantAdmin = tenantRole('isTenantAdmin', 'TENANT_ADMIN');
export const isPatient = tenantRole('isPatient', 'PATIENT');
export const isPlatformAdmin = and(isSignedIn, hasRole('PLATFORM_ADMIN'));
/**
 * Clinic staff who may create or change clinical data. Sign-up adds the tenant's
 * verification to this rule: a clinic pending verification may sign in, not write.
 */
export const mayWriteClinicalData = and(isClinicStaff, rule({ cache: 'contextual' })((_parent, _args, ctx: Ctx) =>
  ctx.caller.tenantActive ? true : forbidden('Your clinic is pending verification: clinical records can be created once it is approved'),
));
/** Anyone whose data access is scoped to one tenant: staff, and patients for their own record. */
export const isTenantCaller = tenantRole('isTenantCaller', 'CLINICIAN', 'TENANT_ADMIN', 'PATIENT');

/**
 * `_service` is only asked for by tooling through the gateway; any verified
 * assertion may read the SDL (the assertion itself is checked before any field runs).
 */
export const isVerifiedGatewayCall = rule({ cache: 'contextual' })(() => true);
