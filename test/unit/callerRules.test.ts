import { GraphQLError } from 'graphql';
import { and } from 'graphql-shield';
import type { CallerAssertion } from '../../subgraphs/kit/callerAssertion';
import type { Role } from '../../subgraphs/kit/roles';
import { belongsToTenant, hasRole, isClinicStaff, isClinician, isPatient, isSignedIn, isTenantAdmin, isTenantCaller } from '../../subgraphs/kit/rules';

type Evaluable = { resolve(parent: unknown, args: unknown, ctx: unknown, info: unknown, options: unknown): Promise<unknown> };

/** A rule's answer for one caller, as shield gets it: true, or the error's code. */
async function answer(rule: object, caller: CallerAssertion): Promise<unknown> {
  const ctx = { caller, _shield: { cache: {} } };
  const result = await (rule as unknown as Evaluable).resolve(undefined, {}, ctx, {}, { debug: false, allowExternalErrors: true, hashFunction: () => '' });
  return result instanceof GraphQLError ? result.extensions.code : result;
}

const base: CallerAssertion = { userId: 'u', tenantId: 't', tenantActive: true, roles: [], patientId: null, sessionId: null, clientId: null, requestId: 'r', clientIp: null, userAgent: null };
const roles: Role[] = ['CLINICIAN', 'TENANT_ADMIN', 'PATIENT', 'PLATFORM_ADMIN'];
/** Every kind of caller: anonymous, a machine client, with and without a tenant, each role and none. */
const callers: [string, CallerAssertion][] = [];
for (const who of [{ userId: 'u', clientId: null }, { userId: null, clientId: 'c' }, { userId: null, clientId: null }]) {
  for (const tenantId of ['t', null]) {
    for (const held of [[], ...roles.map((r) => [r])] as Role[][]) {
      callers.push([`${who.userId ? 'user' : who.clientId ? 'client' : 'anonymous'}, tenant ${tenantId ?? 'none'}, roles [${held.join()}]`, { ...base, ...who, tenantId, roles: held }]);
    }
  }
}

/** The one-rule forms answer as the logic rules they stand for, errors included. */
describe.each([
  ['isClinicStaff', isClinicStaff, and(isSignedIn, belongsToTenant, hasRole('CLINICIAN', 'TENANT_ADMIN'))],
  ['isClinician', isClinician, and(isSignedIn, belongsToTenant, hasRole('CLINICIAN'))],
  ['isTenantAdmin', isTenantAdmin, and(isSignedIn, belongsToTenant, hasRole('TENANT_ADMIN'))],
  ['isPatient', isPatient, and(isSignedIn, belongsToTenant, hasRole('PATIENT'))],
  ['isTenantCaller', isTenantCaller, and(isSignedIn, belongsToTenant, hasRole('CLINICIAN', 'TENANT_ADMIN', 'PATIENT'))],
] as const)('%s', (_name, rule, reference) => {
  it.each(callers)('%s', async (_who, caller) => {
    const expected = await answer(reference, caller);
    expect(await answer(rule, caller)).toBe(expected);
  });

  it('allows someone and refuses someone', async () => {
    const answers = await Promise.all(callers.map(([, caller]) => answer(rule, caller)));
    expect(answers).toContain(true);
    expect(answers).toContain('UNAUTHENTICATED');
    expect(answers).toContain('FORBIDDEN');
  });
});
