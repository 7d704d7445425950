import { DEMO_PASSWORD } from '../../subgraphs/identity/demo';
import { graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { LOGIN, manualClock, sessionCookieOf, signIn, withCookie } from '../support/sessions';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;
const ME = '{ me { id email role } }';
const MINUTE = 60_000;

describe('sign-in with the session cookie', () => {
  const clock = manualClock();
  let stack: TestStack;
  let clinic: Clinic;

  beforeAll(async () => {
    stack = await startTestStack({}, { clock });
    clinic = await seedTestClinic(stack, 1);
  });
  afterAll(() => stack.close());

  it('sets a __Host- cookie that is HttpOnly, Secure, SameSite=Lax and Path=/, holding 256 random bits', async () => {
    const { response } = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.login.role).toBe('CLINICIAN');
    const header = response.headers.getSetCookie().find((c) => c.startsWith('__Host-cmc_session='))!;
    const attributes = header.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite=lax', 'path=/']));
    expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
    const token = header.split(';')[0]!.split('=')[1]!;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(response.headers.get('cmc-session-token')).toBeNull();
  });

  it('keeps only a hash of the token in Redis', async () => {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    const token = cookie!.split('=')[1]!;
    const { createClient } = await import('redis');
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    try {
      const keys = await redis.keys(`${stack.config.redisPrefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) {
        expect(key).not.toContain(token);
        const type = await redis.type(key);
        if (type === 'string') expect(await redis.get(key)).not.toContain(token);
      }
    } finally {
      await redis.close();
    }
  });

  it('answers me with the cookie, and nothing without it', async () => {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN);
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(cookie))).body.data.me.email).toBe(clinic.users.TENANT_ADMIN);
    expect((await graphql(stack.gateway.url, ME)).body.data.me).toBeNull();
  });

  it('rotates the session on every login: the old cookie is refused after a new sign-in', async () => {
    const first = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    const second = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN, DEMO_PASSWORD, withCookie(first.cookie));
    expect(second.cookie).not.toEqual(first.cookie);
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(first.cookie))).body.data.me).toBeNull();
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(second.cookie))).body.data.me.email).toBe(clinic.users.CLINICIAN);
  });

  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    clock.advance(29 * MINUTE);
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(cookie))).body.data.me).not.toBeNull();
    clock.advance(29 * MINUTE);
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(cookie))).body.data.me).not.toBeNull();
    clock.advance(31 * MINUTE);
    const expired = await graphql(stack.gateway.url, ME, {}, withCookie(cookie));
    expect(expired.body.data.me).toBeNull();
    // The stale cookie is cleared, and the end of the session is in the audit log.
    expect(expired.headers.getSetCookie().some((c) => /^__Host-cmc_session=;.*Max-Age=0/i.test(c))).toBe(true);
    const [{ count }] = await sql(stack, `select count(*)::int as count from audit.audit_event where action = 'session.timeout' and tenant_id = ?`, [clinic.tenantId]);
    expect(count).toBeGreaterThanOrEqual(1);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    for (let hour = 0; hour < 11; hour++) {
      clock.advance(25 * MINUTE);
      expect((await graphql(stack.gateway.url, ME, {}, withCookie(cookie))).body.data.me).not.toBeNull();
      clock.advance(25 * MINUTE);
      expect((await graphql(stack.gateway.url, ME, {}, withCookie(cookie))).body.data.me).not.toBeNull();
    }
    clock.advance(12 * 60 * MINUTE - 22 * 25 * MINUTE);
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(cookie))).body.data.me).toBeNull();
  });

  it('logout ends the session on the server and clears the cookie', async () => {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    const out = await graphql(stack.gateway.url, 'mutation { logout }', {}, withCookie(cookie));
    expect(out.body.data.logout).toBe(true);
    expect(out.headers.getSetCookie().some((c) => /^__Host-cmc_session=;/.test(c))).toBe(true);
    // Replaying the old cookie does not bring the session back.
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(cookie))).body.data.me).toBeNull();
  });

  it('changePassword ends every other session of the user and keeps the current one', async () => {
    const email = clinic.users.PATIENT;
    const a = await signIn(stack.gateway.url, clinic.slug, email);
    const b = await signIn(stack.gateway.url, clinic.slug, email);
    const newPassword = 'orchid-tram-velvet-1987';
    const changed = await graphql(stack.gateway.url, 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', { c: DEMO_PASSWORD, n: newPassword }, withCookie(b.cookie));
    expect(changed.body.data?.changePassword).toBe(true);
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(a.cookie))).body.data.me).toBeNull();
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(b.cookie))).body.data.me.email).toBe(email);
    expect((await signIn(stack.gateway.url, clinic.slug, email)).response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await signIn(stack.gateway.url, clinic.slug, email, newPassword)).cookie).not.toBeNull();
  });

  it('lists and terminates sessions: a user their own, a TENANT_ADMIN those of the clinic', async () => {
    const staff = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    const admin = await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN);
    const mine = await graphql(stack.gateway.url, '{ mySessions { id current } }', {}, withCookie(staff.cookie));
    const current = mine.body.data.mySessions.find((s: { current: boolean }) => s.current);
    expect(current).toBeDefined();
    const other = await seedTestClinic(stack, 1);
    const outsider = await signIn(stack.gateway.url, other.slug, other.users.TENANT_ADMIN);
    const foreign = await graphql(stack.gateway.url, 'mutation($id: ID!) { terminateSession(id: $id) }', { id: current.id }, withCookie(outsider.cookie));
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ended = await graphql(stack.gateway.url, 'mutation($id: ID!) { terminateSession(id: $id) }', { id: current.id }, withCookie(admin.cookie));
    expect(ended.body.data?.terminateSession).toBe(true);
    expect((await graphql(stack.gateway.url, ME, {}, withCookie(staff.cookie))).body.data.me).toBeNull();
  });

  it('records sign-in success and failure in the login class', async () => {
    await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN, DEMO_PASSWORD, { 'x-request-id': 'login-audit-success' });
    await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN, 'not-the-password-at-all', { 'x-request-id': 'login-audit-failure' });
    const rows = await sql(stack, `select request_id, action, outcome, class, error_code, tenant_id, target_id from audit.audit_event where request_id in ('login-audit-success', 'login-audit-failure') order by request_id`);
    expect(rows).toEqual([
      expect.objectContaining({ request_id: 'login-audit-failure', action: 'session.login', outcome: 'DENIED', class: 'login', error_code: 'UNAUTHENTICATED', tenant_id: clinic.tenantId }),
      expect.objectContaining({ request_id: 'login-audit-success', action: 'session.login', outcome: 'SUCCESS', class: 'login', error_code: null, tenant_id: clinic.tenantId }),
    ]);
  });
});

describe('lockout', () => {
  const clock = manualClock();
  let stack: TestStack;
  let clinic: Clinic;

  beforeAll(async () => {
    // Rate limits run on real time; lifted here so only the lockout answers.
    stack = await startTestStack({ LOGIN_LIMIT_PER_USERNAME: '1000', LOGIN_LIMIT_PER_IP: '1000' }, { clock });
    clinic = await seedTestClinic(stack, 1);
  });
  afterAll(() => stack.close());

  const attempt = (email: string, password: string) => signIn(stack.gateway.url, clinic.slug, email, password);
  const codeOf = (r: Awaited<ReturnType<typeof attempt>>) => r.response.body.errors?.[0]?.extensions?.code;

  it('locks after 5 wrong passwords in a row: the 6th gets LOCKED and the right password waits 15 minutes', async () => {
    const email = clinic.users.CLINICIAN;
    for (let i = 0; i < 5; i++) expect(codeOf(await attempt(email, `wrong password number ${i}`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await attempt(email, 'wrong password number 5'))).toBe('LOCKED');
    expect(codeOf(await attempt(email, DEMO_PASSWORD))).toBe('LOCKED');
    clock.advance(14 * MINUTE);
    expect(codeOf(await attempt(email, DEMO_PASSWORD))).toBe('LOCKED');
    clock.advance(2 * MINUTE);
    expect((await attempt(email, DEMO_PASSWORD)).cookie).not.toBeNull();
    const [{ count }] = await sql(stack, `select count(*)::int as count from audit.audit_event where action = 'account.lock' and tenant_id = ?`, [clinic.tenantId]);
    expect(count).toBe(1);
  });

  it('doubles the lock on a repeat, and a success resets the count', async () => {
    const email = clinic.users.TENANT_ADMIN;
    for (let i = 0; i < 5; i++) await attempt(email, `first wrong round ${i}`);
    clock.advance(16 * MINUTE);
    for (let i = 0; i < 5; i++) await attempt(email, `second wrong round ${i}`);
    clock.advance(16 * MINUTE);
    expect(codeOf(await attempt(email, DEMO_PASSWORD))).toBe('LOCKED');
    clock.advance(15 * MINUTE);
    expect((await attempt(email, DEMO_PASSWORD)).cookie).not.toBeNull();
    for (let i = 0; i < 4; i++) expect(codeOf(await attempt(email, `after success ${i}`))).toBe('UNAUTHENTICATED');
    expect((await attempt(email, DEMO_PASSWORD)).cookie).not.toBeNull();
  });

  it('answers an unknown user exactly like a wrong password, and locks it alike', async () => {
    const wrong = await attempt(clinic.users.PATIENT, 'not the right password');
    const unknown = await attempt(`nobody-${clinic.slug}@example.com`, 'not the right password');
    const unknownClinic = await signIn(stack.gateway.url, 'no-such-clinic', clinic.users.PATIENT, 'not the right password');
    for (const r of [unknown, unknownClinic]) {
      expect(r.response.status).toBe(wrong.response.status);
      expect(r.response.body.errors?.[0]?.message).toBe(wrong.response.body.errors?.[0]?.message);
      expect(r.response.body.errors?.[0]?.extensions).toEqual(wrong.response.body.errors?.[0]?.extensions);
    }
    const ghost = `ghost-${clinic.slug}@example.com`;
    for (let i = 0; i < 5; i++) await attempt(ghost, `guess ${i}`);
    expect(codeOf(await attempt(ghost, 'guess 6'))).toBe('LOCKED');
  });
});

describe('password policy at the API boundary', () => {
  let stack: TestStack;
  let clinic: Clinic;
  let admin: string | null;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 1);
    admin = (await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN)).cookie;
  });
  afterAll(() => stack.close());

  const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id role } }';
  const create = (password: string, name = 'Asha Verma') =>
    graphql(stack.gateway.url, CREATE, { input: { email: `asha-${Math.random().toString(36).slice(2)}@example.com`, name, role: 'CLINICIAN', password } }, withCookie(admin));

  it.each([
    ['too short', 'short pass', /at least 12 characters/],
    ['too long', 'x'.repeat(129), /at most 128/],
    ['a common password', 'password1234', /too weak/],
    ['keyboard walk', 'qwertyuiop123', /too weak/],
    ['the user name', 'asha verma forever 2026!', /email, your name or your clinic/],
  ])('refuses %s, saying why', async (_case, password, why) => {
    const response = await create(password);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(response.body.errors?.[0]?.message).toMatch(why);
  });

  it('refuses the clinic name inside the password', async () => {
    const response = await create(`my ${clinic.slug} password`);
    expect(response.body.errors?.[0]?.message).toMatch(/email, your name or your clinic/);
  });

  it.each(['correct horse battery staple', 'orchid-tram-velvet-1987', 'ಹೃದಯ ಆರೋಗ್ಯ ಮುಖ್ಯ ೨೦೨೬', 'a'.repeat(20) + 'Zq9!mK2#vL7@'])('accepts a strong one: %s', async (password) => {
    const response = await create(password);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.createUser.role).toBe('CLINICIAN');
  });

  it('stores Argon2id with m=19 MiB, t=2, p=1, and the full password counts (no truncation)', async () => {
    const long = 'velvet orchid tram '.repeat(6).trim();
    const response = await create(long);
    const [{ password_hash }] = await sql(stack, 'select password_hash from identity."user" where id = ?', [response.body.data.createUser.id]);
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const [{ email }] = await sql(stack, 'select email from identity."user" where id = ?', [response.body.data.createUser.id]);
    expect((await signIn(stack.gateway.url, clinic.slug, email, long.slice(0, 100))).response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await signIn(stack.gateway.url, clinic.slug, email, long)).cookie).not.toBeNull();
  });
});

export { LOGIN, sessionCookieOf };
