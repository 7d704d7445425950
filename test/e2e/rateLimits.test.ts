import { graphql, seedTestClinic, startTestStack, type GraphQLResponse, type TestStack } from '../support/stack';
import { signIn, withCookie } from '../support/sessions';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** A RATE_LIMITED answer: HTTP 429, Retry-After in seconds, and the same figure in the error. */
function expectRateLimited(response: GraphQLResponse) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
}

const wrong = (stack: TestStack, tenant: string, email: string) => signIn(stack.gateway.url, tenant, email, 'definitely not the password');

describe('sign-in rate limits', () => {
  describe('per IP', () => {
    let stack: TestStack;
    let clinic: Clinic;
    beforeAll(async () => {
      stack = await startTestStack({ LOGIN_LIMIT_PER_IP: '3' });
      clinic = await seedTestClinic(stack, 1);
    });
    afterAll(() => stack.close());

    it('answers 429 past the limit, whatever the usernames', async () => {
      for (const email of [clinic.users.CLINICIAN, clinic.users.PATIENT, clinic.users.TENANT_ADMIN]) {
        expect((await wrong(stack, clinic.slug, email)).response.status).toBe(200);
      }
      expectRateLimited((await wrong(stack, clinic.slug, 'someone-else@example.com')).response);
      // The right password does not get past the limit either.
      expectRateLimited((await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN)).response);
    });
  });

  describe('per username and per clinic', () => {
    let stack: TestStack;
    let clinic: Clinic;
    let other: Clinic;
    beforeAll(async () => {
      stack = await startTestStack({ LOGIN_LIMIT_PER_USERNAME: '2', LOGIN_LIMIT_PER_TENANT: '4' });
      [clinic, other] = await Promise.all([seedTestClinic(stack, 1), seedTestClinic(stack, 1)]);
    });
    afterAll(() => stack.close());

    it('limits one username without touching the others', async () => {
      await wrong(stack, clinic.slug, clinic.users.PATIENT);
      await wrong(stack, clinic.slug, clinic.users.PATIENT);
      expectRateLimited((await wrong(stack, clinic.slug, clinic.users.PATIENT)).response);
      expect((await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN)).cookie).not.toBeNull();
    });

    it('limits one clinic without touching another', async () => {
      // The test above made 4 attempts on this clinic, its whole allowance: any username is now refused.
      expectRateLimited((await wrong(stack, clinic.slug, 'stranger@example.com')).response);
      expect((await signIn(stack.gateway.url, other.slug, other.users.CLINICIAN)).cookie).not.toBeNull();
    });
  });

  describe('with Redis unreachable', () => {
    let stack: TestStack;
    let clinic: Clinic;
    beforeAll(async () => {
      stack = await startTestStack({ REDIS_URL: 'redis://127.0.0.1:1', LOGIN_LIMIT_PER_IP: '3' });
      clinic = await seedTestClinic(stack, 1);
    }, 30_000);
    afterAll(() => stack.close());

    it('keeps the limits in force through the in-memory insurance limiter', async () => {
      for (let i = 0; i < 3; i++) {
        const { response } = await wrong(stack, clinic.slug, clinic.users.CLINICIAN);
        expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      expectRateLimited((await wrong(stack, clinic.slug, clinic.users.CLINICIAN)).response);
    });
  });
});

describe('operation rate limits', () => {
  let stack: TestStack;
  let clinic: Clinic;
  beforeAll(async () => {
    stack = await startTestStack({ OPERATION_LIMIT_PER_SESSION: '3', OPERATION_LIMIT_PER_TENANT: '8' });
    clinic = await seedTestClinic(stack, 1);
  });
  afterAll(() => stack.close());

  it('limits each session, then the clinic as a whole', async () => {
    const a = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    const b = await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN);
    const me = (cookie: string | null) => graphql(stack.gateway.url, '{ me { id } }', {}, withCookie(cookie));
    for (let i = 0; i < 3; i++) expect((await me(a.cookie)).status).toBe(200);
    expectRateLimited(await me(a.cookie));
    // Another session of the clinic still has its own allowance, until the clinic's runs out.
    for (let i = 0; i < 3; i++) expect((await me(b.cookie)).status).toBe(200);
    const c = await signIn(stack.gateway.url, clinic.slug, clinic.users.PATIENT);
    expect((await me(c.cookie)).status).toBe(200);
    expectRateLimited(await me(c.cookie));
  });
});
