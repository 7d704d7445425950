import { SignJWT } from 'jose';
import { CALLER_ASSERTION_HEADER, signCallerAssertion, type CallerAssertion } from '../../subgraphs/kit/callerAssertion';
import { SUBGRAPHS } from '../../subgraphs/kit/subgraphs';
import { devToken, graphql, seedTestClinic, startTestStack, type TestStack } from '../support/stack';

/** A subgraph serves nothing, `_entities` and `_service` included, without a valid caller assertion. */
describe('caller assertion', () => {
  let stack: TestStack;
  let clinic: Awaited<ReturnType<typeof seedTestClinic>>;
  let caller: CallerAssertion;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 2);
    const [user] = await stack.orms.identity.em.getConnection().execute(`select id from identity."user" where email = ?`, [clinic.users.CLINICIAN]);
    caller = { userId: user!.id, tenantId: clinic.tenantId, tenantActive: true, roles: ['CLINICIAN'], patientId: null, sessionId: null, clientId: null, requestId: 'test-request', clientIp: '127.0.0.1', userAgent: 'jest' };
  });
  afterAll(() => stack.close());

  const entitiesQuery = /* GraphQL */ `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { id name } } }`;
  const representations = () => ({ r: [{ __typename: 'Patient', id: clinic.patientIds[0] }] });
  const patientUrl = () => stack.subgraphs.patient.url;
  const key = () => stack.config.internalSigningKey;
  /** An assertion with hand-set times, to probe the lifetime rules. */
  const assertionWithTimes = (issuedAt: number | string, expiresAt: number | string) =>
    new SignJWT({ tid: caller.tenantId, roles: caller.roles, rid: 'r' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('cmc-gateway')
      .setAudience('patient')
      .setSubject(caller.userId!)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(key());
  const now = () => Math.floor(Date.now() / 1000);

  it.each(SUBGRAPHS.map((s) => s.name))('%s refuses `_service` without an assertion with 401 UNAUTHENTICATED', async (name) => {
    const { status, body } = await graphql(stack.subgraphs[name].url, '{ _service { sdl } }');
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  it('refuses `_entities` without an assertion', async () => {
    const { status, body } = await graphql(patientUrl(), entitiesQuery, representations());
    expect(status).toBe(401);
    expect(JSON.stringify(body)).not.toContain(clinic.patientIds[0]);
  });

  it('resolves `_entities` with a valid assertion (the control case)', async () => {
    const token = await signCallerAssertion(key(), 'patient', caller, 30);
    const { status, body } = await graphql(patientUrl(), entitiesQuery, representations(), { [CALLER_ASSERTION_HEADER]: token });
    expect(status).toBe(200);
    expect(body.data._entities[0].id).toBe(clinic.patientIds[0]);
  });

  it('marks a subgraph answer uncacheable', async () => {
    const token = await signCallerAssertion(key(), 'patient', caller, 30);
    const { status, headers } = await graphql(patientUrl(), entitiesQuery, representations(), { [CALLER_ASSERTION_HEADER]: token });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
  });

  it('refuses an expired assertion', async () => {
    const token = await assertionWithTimes(now() - 120, now() - 60);
    const { status, body } = await graphql(patientUrl(), entitiesQuery, representations(), { [CALLER_ASSERTION_HEADER]: token });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/expired/);
  });

  it('refuses an assertion signed with another key', async () => {
    const token = await signCallerAssertion(new TextEncoder().encode('another-key-that-is-32-characters!!'), 'patient', caller, 30);
    const { status } = await graphql(patientUrl(), entitiesQuery, representations(), { [CALLER_ASSERTION_HEADER]: token });
    expect(status).toBe(401);
  });

  it('refuses an assertion made out for another subgraph', async () => {
    const token = await signCallerAssertion(key(), 'billing', caller, 30);
    const { status } = await graphql(patientUrl(), entitiesQuery, representations(), { [CALLER_ASSERTION_HEADER]: token });
    expect(status).toBe(401);
  });

  it('refuses an assertion minted for longer than 60 seconds', async () => {
    const token = await assertionWithTimes(now(), '1h');
    const { status } = await graphql(patientUrl(), entitiesQuery, representations(), { [CALLER_ASSERTION_HEADER]: token });
    expect(status).toBe(401);
  });

  it('refuses an assertion issued more than 60 seconds ago', async () => {
    const token = await assertionWithTimes(now() - 90, now() + 3600);
    const { status } = await graphql(patientUrl(), entitiesQuery, representations(), { [CALLER_ASSERTION_HEADER]: token });
    expect(status).toBe(401);
  });
});

describe('the production path', () => {
  let stack: TestStack;
  let clinic: Awaited<ReturnType<typeof seedTestClinic>>;

  beforeAll(async () => {
    stack = await startTestStack({ NODE_ENV: 'production', INTERNAL_SIGNING_KEY: 'a-production-signing-key-of-32-chars!', DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') });
    clinic = await seedTestClinic(stack, 1);
  });
  afterAll(() => stack.close());

  it('does not accept development bearer tokens', async () => {
    expect(stack.config.devAuth).toBe(false);
    const { status, body } = await graphql(stack.gateway.url, '{ patients(first: 1) { id } }', {}, devToken(clinic.users.CLINICIAN));
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
