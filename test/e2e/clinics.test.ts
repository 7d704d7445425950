import { randomUUID } from 'node:crypto';
import { demoClinic } from '../../subgraphs/identity/demo';
import { gstinCheckCharacter } from '../../subgraphs/kit/gst';
import { signIn, withCookie } from '../support/sessions';
import { graphql, seedPlatformAdmin, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

const SIGN_UP = 'mutation($input: SignUpClinicInput!) { signUpClinic(input: $input) { id slug status gstin } }';
const VERIFY = 'mutation($id: ID!, $d: TenantReviewDecision!) { verifyTenant(id: $id, decision: $d, reason: "Registration documents checked") { id status reviewReason } }';
const CREATE_PATIENT = 'mutation { createPatient(input: { name: "First Patient" }) { id } }';
const ADMIN_PASSWORD = 'orchid-tram-velvet-1987';

function signUpInput(overrides: Record<string, unknown> = {}) {
  const slug = `new-${randomUUID().slice(0, 8)}`;
  const { name, address, stateCode, gstin, hfrFacilityId } = demoClinic(slug, `Clinic ${slug}`, '27');
  return { slug, name, address, stateCode, gstin, hfrFacilityId, admin: { name: 'Founder', email: `founder@${slug}.example`, password: ADMIN_PASSWORD }, ...overrides };
}

describe('clinic signup and verification', () => {
  let stack: TestStack;
  let platformAdmin: string | null;

  beforeAll(async () => {
    stack = await startTestStack();
    platformAdmin = (await signIn(stack.gateway.url, null, await seedPlatformAdmin(stack))).cookie;
  });
  afterAll(() => stack.close());

  const signUp = (input: Record<string, unknown>) => graphql(stack.gateway.url, SIGN_UP, { input });

  it.each([
    ['a GSTIN with the wrong check character', (i: any) => ({ gstin: i.gstin.slice(0, 14) + (i.gstin[14] === 'A' ? 'B' : 'A') }), 'gstin', /check character/],
    ['a GSTIN of another State', (i: any) => ({ gstin: `29${i.gstin.slice(2, 14)}` + gstinCheckCharacter(`29${i.gstin.slice(2, 14)}`) }), 'gstin', /State 29/],
    ['an unknown State code', () => ({ stateCode: '40' }), 'stateCode', /not a GST State code/],
    ['a malformed HFR facility ID', () => ({ hfrFacilityId: 'IN27ABC' }), 'hfrFacilityId', /IN, the State code and 8 digits/],
    ['a malformed slug', () => ({ slug: 'Not A Slug' }), 'slug', /lowercase/],
    ['a weak admin password', (i: any) => ({ admin: { ...i.admin, password: 'password1234' } }), 'admin.password', /too weak/],
  ])('refuses %s and writes nothing', async (_case, change, field, message) => {
    const input = signUpInput();
    const response = await signUp({ ...input, ...change(input) });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.body.errors?.[0]?.message).toMatch(message);
    expect(await sql(stack, 'select 1 from identity.tenant where slug = ?', [input.slug])).toEqual([]);
  });

  it('refuses a second clinic with the same slug or GSTIN as CONFLICT', async () => {
    const input = signUpInput();
    expect((await signUp(input)).body.data.signUpClinic.status).toBe('PENDING_VERIFICATION');
    const again = await signUp({ ...signUpInput(), slug: input.slug });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const sameGstin = await signUp({ ...signUpInput(), gstin: input.gstin });
    expect(sameGstin.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets a pending clinic sign in but not create clinical data, until a platform admin approves it', async () => {
    const input = signUpInput();
    const tenant = (await signUp(input)).body.data.signUpClinic;
    const { cookie } = await signIn(stack.gateway.url, input.slug, input.admin.email, ADMIN_PASSWORD);
    expect(cookie).not.toBeNull();
    const refused = await graphql(stack.gateway.url, CREATE_PATIENT, {}, withCookie(cookie));
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.body.errors?.[0]?.message).toMatch(/pending verification/);
    expect(await sql(stack, 'select 1 from patient.patient where tenant_id = ?', [tenant.id])).toEqual([]);

    const queue = await graphql(stack.gateway.url, '{ tenants(status: PENDING_VERIFICATION) { id } }', {}, withCookie(platformAdmin));
    expect(queue.body.data.tenants.map((t: { id: string }) => t.id)).toContain(tenant.id);
    const approved = await graphql(stack.gateway.url, VERIFY, { id: tenant.id, d: 'APPROVE' }, { ...withCookie(platformAdmin), 'x-request-id': `verify-${tenant.id}` });
    expect(approved.body.data.verifyTenant).toMatchObject({ status: 'ACTIVE', reviewReason: 'Registration documents checked' });
    const [event] = await sql(stack, 'select action, class, outcome, tenant_id, actor_role from audit.audit_event where request_id = ?', [`verify-${tenant.id}`]);
    expect(event).toEqual({ action: 'tenant.verify', class: 'security', outcome: 'SUCCESS', tenant_id: tenant.id, actor_role: 'PLATFORM_ADMIN' });

    // The gateway reads a clinic's status again within seconds of the decision.
    let created;
    for (let i = 0; i < 40 && !created?.body.data?.createPatient; i++) {
      created = await graphql(stack.gateway.url, CREATE_PATIENT, {}, withCookie(cookie));
      if (!created.body.data?.createPatient) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(created!.body.data.createPatient.id).toBeDefined();

    const twice = await graphql(stack.gateway.url, VERIFY, { id: tenant.id, d: 'REJECT' }, withCookie(platformAdmin));
    expect(twice.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('shuts a rejected clinic out with the same answer as a wrong password', async () => {
    const input = signUpInput();
    const tenant = (await signUp(input)).body.data.signUpClinic;
    await graphql(stack.gateway.url, VERIFY, { id: tenant.id, d: 'REJECT' }, withCookie(platformAdmin));
    const rejected = await signIn(stack.gateway.url, input.slug, input.admin.email, ADMIN_PASSWORD);
    expect(rejected.cookie).toBeNull();
    expect(rejected.response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets only a platform admin decide', async () => {
    const clinic = await seedTestClinic(stack, 1);
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN);
    const tenant = (await signUp(signUpInput())).body.data.signUpClinic;
    const response = await graphql(stack.gateway.url, VERIFY, { id: tenant.id, d: 'APPROVE' }, withCookie(cookie));
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows a platform admin no clinical data', async () => {
    const clinic = await seedTestClinic(stack, 1);
    const patient = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { id name } }', { id: clinic.patientIds[0] }, withCookie(platformAdmin));
    expect(patient.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await graphql(stack.gateway.url, '{ patients { id } }', {}, withCookie(platformAdmin));
    expect(list.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('clinic user administration', () => {
  let stack: TestStack;
  let clinic: Awaited<ReturnType<typeof seedTestClinic>>;
  let admin: string | null;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 1);
    admin = (await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN)).cookie;
  });
  afterAll(() => stack.close());

  const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id email role } }';
  const newUser = (overrides: Record<string, unknown> = {}) => ({ email: `staff-${randomUUID().slice(0, 8)}@example.com`, name: 'Ravi Menon', role: 'CLINICIAN', password: ADMIN_PASSWORD, ...overrides });

  it('adds a clinician who can then sign in; a second user with the email is a CONFLICT', async () => {
    const input = newUser();
    expect((await graphql(stack.gateway.url, CREATE, { input }, withCookie(admin))).body.data.createUser.role).toBe('CLINICIAN');
    expect((await signIn(stack.gateway.url, clinic.slug, input.email, ADMIN_PASSWORD)).cookie).not.toBeNull();
    expect((await graphql(stack.gateway.url, CREATE, { input }, withCookie(admin))).body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('ties a PATIENT user to a patient of the clinic, never of another', async () => {
    const missing = await graphql(stack.gateway.url, CREATE, { input: newUser({ role: 'PATIENT' }) }, withCookie(admin));
    expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'patientId' });
    const other = await seedTestClinic(stack, 1);
    const foreign = await graphql(stack.gateway.url, CREATE, { input: newUser({ role: 'PATIENT', patientId: other.patientIds[0] }) }, withCookie(admin));
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('is for the TENANT_ADMIN only', async () => {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    expect((await graphql(stack.gateway.url, CREATE, { input: newUser() }, withCookie(cookie))).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('changes a role, ends that user\'s sessions, and refuses an admin changing their own', async () => {
    const input = newUser();
    const user = (await graphql(stack.gateway.url, CREATE, { input }, withCookie(admin))).body.data.createUser;
    const staff = await signIn(stack.gateway.url, clinic.slug, input.email, ADMIN_PASSWORD);
    const changed = await graphql(stack.gateway.url, 'mutation($id: ID!) { changeUserRole(userId: $id, role: TENANT_ADMIN) { role } }', { id: user.id }, withCookie(admin));
    expect(changed.body.data.changeUserRole.role).toBe('TENANT_ADMIN');
    expect((await graphql(stack.gateway.url, '{ me { id } }', {}, withCookie(staff.cookie))).body.data.me).toBeNull();
    const [self] = await sql(stack, 'select id from identity."user" where email = ?', [clinic.users.TENANT_ADMIN]);
    const own = await graphql(stack.gateway.url, 'mutation($id: ID!) { changeUserRole(userId: $id, role: CLINICIAN) { role } }', { id: self.id }, withCookie(admin));
    expect(own.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});
