import { randomUUID } from 'node:crypto';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;
interface Event {
  id: string;
  tenantId: string | null;
  action: string;
  actorId: string | null;
  targetId: string | null;
  targetIds: string[] | null;
  outcome: string;
  occurredAt: string;
}

const EVENTS = /* GraphQL */ `
  query ($filter: AuditEventFilter, $first: Int!, $after: ID) {
    auditEvents(filter: $filter, first: $first, after: $after) { id tenantId action actorId targetId targetIds outcome occurredAt }
  }
`;
const ACCESS_LOG = /* GraphQL */ `
  query ($first: Int!, $after: ID) { myAccessLog(first: $first, after: $after) { id occurredAt actorRole action outcome } }
`;
const CREATE = 'mutation($name: String!) { createPatient(input: { name: $name }) { id } }';
const READ = 'query($id: ID!) { patient(id: $id) { id } }';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The audit query API through the real gateway: filters, cursors, tenants, roles, the patient's access log. */
describe('audit query API', () => {
  let stack: TestStack;
  let clinicA: Clinic;
  let clinicB: Clinic;
  let platformAdmin: string;
  const userIds: Record<string, string> = {};
  const created: Record<'byClinician' | 'byAdmin' | 'inB', string> = { byClinician: '', byAdmin: '', inB: '' };
  const readOwnRequest = `audit-api-read-own-${randomUUID()}`;
  const readOtherRequest = `audit-api-read-other-${randomUUID()}`;
  let between: Date;

  const events = async (email: string, filter: Record<string, unknown> | null, first = 100, after?: string) => {
    const response = await graphql<{ auditEvents: Event[] }>(stack.gateway.url, EVENTS, { filter, first, after }, devToken(email));
    if (response.body.errors) throw new Error(JSON.stringify(response.body.errors));
    return response.body.data!.auditEvents;
  };
  const errorCode = async (query: string, variables: Record<string, unknown>, email: string) =>
    (await graphql(stack.gateway.url, query, variables, devToken(email))).body.errors?.[0]?.extensions?.code;
  const create = async (email: string) => {
    const response = await graphql(stack.gateway.url, CREATE, { name: `Audit Api ${randomUUID().slice(0, 8)}` }, devToken(email));
    return response.body.data?.createPatient?.id as string;
  };

  beforeAll(async () => {
    stack = await startTestStack();
    [clinicA, clinicB] = await Promise.all([seedTestClinic(stack, 2), seedTestClinic(stack, 2)]);
    platformAdmin = `admin-${randomUUID().slice(0, 8)}@platform.cardmetcare.example`;
    await sql(stack, `insert into identity."user" (id, tenant_id, email, name, role) values (gen_random_uuid(), null, ?, 'Platform Admin', 'PLATFORM_ADMIN')`, [platformAdmin]);
    const users = await sql<{ id: string; email: string }>(stack, 'select id, email from identity."user" where email in (?)', [
      [...Object.values(clinicA.users), ...Object.values(clinicB.users)],
    ]);
    for (const user of users) userIds[user.email] = user.id;

    created.byClinician = await create(clinicA.users.CLINICIAN);
    created.inB = await create(clinicB.users.CLINICIAN);
    await pause(20);
    between = new Date();
    await pause(20);
    created.byAdmin = await create(clinicA.users.TENANT_ADMIN);
    // A patient may not register patients: a DENIED event.
    await graphql(stack.gateway.url, CREATE, { name: 'Not Allowed' }, devToken(clinicA.users.PATIENT));
    await graphql(stack.gateway.url, READ, { id: clinicA.patientIds[0] }, { ...devToken(clinicA.users.CLINICIAN), 'x-request-id': readOwnRequest });
    await graphql(stack.gateway.url, READ, { id: clinicA.patientIds[1] }, { ...devToken(clinicA.users.CLINICIAN), 'x-request-id': readOtherRequest });
    for (let i = 0; i < 2; i++) await graphql(stack.gateway.url, READ, { id: clinicA.patientIds[0] }, devToken(clinicA.users.TENANT_ADMIN));
    expect(Object.values(created).every(Boolean)).toBe(true);
  });
  afterAll(() => stack.close());

  it('lists a clinic admin their clinic events, newest first', async () => {
    const all = await events(clinicA.users.TENANT_ADMIN, null);
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.every((e) => e.tenantId === clinicA.tenantId)).toBe(true);
    expect([...all.map((e) => e.id)].sort().reverse()).toEqual(all.map((e) => e.id));
  });

  it('narrows by action', async () => {
    const reads = await events(clinicA.users.TENANT_ADMIN, { action: 'patient.read' });
    expect(reads.length).toBe(4);
    expect(reads.every((e) => e.action === 'patient.read')).toBe(true);
  });

  it('narrows by actor', async () => {
    const byAdmin = await events(clinicA.users.TENANT_ADMIN, { actorId: userIds[clinicA.users.TENANT_ADMIN] });
    expect(byAdmin.map((e) => e.action)).toEqual(['patient.read', 'patient.read', 'patient.create']);
    expect(byAdmin[2]!.targetId).toBe(created.byAdmin);
    const byClinician = await events(clinicA.users.TENANT_ADMIN, { actorId: userIds[clinicA.users.CLINICIAN] });
    expect(byClinician.map((e) => e.action).sort()).toEqual(['patient.create', 'patient.read', 'patient.read']);
  });

  it('narrows by target, matching the target and the patients an access event lists', async () => {
    const aboutCreated = await events(clinicA.users.TENANT_ADMIN, { targetId: created.byClinician });
    expect(aboutCreated.map((e) => [e.action, e.targetId])).toEqual([['patient.create', created.byClinician]]);
    const aboutSeeded = await events(clinicA.users.TENANT_ADMIN, { targetId: clinicA.patientIds[0] });
    expect(aboutSeeded.map((e) => [e.action, e.targetIds])).toEqual(Array(3).fill(['patient.read', [clinicA.patientIds[0]]]));
  });

  it('narrows by time, both ends inclusive, and by outcome', async () => {
    const after = await events(clinicA.users.TENANT_ADMIN, { from: between.toISOString() });
    expect(after.map((e) => e.targetId)).toContain(created.byAdmin);
    expect(after.map((e) => e.targetId)).not.toContain(created.byClinician);
    const before = await events(clinicA.users.TENANT_ADMIN, { to: between.toISOString() });
    expect(before.map((e) => e.targetId)).toEqual([created.byClinician]);
    const denied = await events(clinicA.users.TENANT_ADMIN, { outcome: 'DENIED' });
    expect(denied.map((e) => [e.action, e.actorId, e.outcome])).toEqual([['patient.create', userIds[clinicA.users.PATIENT], 'DENIED']]);
    const combined = await events(clinicA.users.TENANT_ADMIN, { action: 'patient.create', outcome: 'SUCCESS', from: between.toISOString() });
    expect(combined.map((e) => e.targetId)).toEqual([created.byAdmin]);
  });

  it('pages with the last id as cursor, without gaps or repeats', async () => {
    const all = await events(clinicA.users.TENANT_ADMIN, null);
    const pages: Event[][] = [];
    let after: string | undefined;
    for (;;) {
      const page = await events(clinicA.users.TENANT_ADMIN, null, 2, after);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      pages.push(page);
      after = page[page.length - 1]!.id;
    }
    expect(pages.length).toBe(Math.ceil(all.length / 2));
    expect(pages.flat().map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('keeps a clinic admin inside their clinic, whatever the filter says', async () => {
    const own = await events(clinicB.users.TENANT_ADMIN, null);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.tenantId === clinicB.tenantId)).toBe(true);
    expect(await events(clinicB.users.TENANT_ADMIN, { targetId: created.byClinician })).toEqual([]);
    expect(await events(clinicB.users.TENANT_ADMIN, { tenantId: clinicA.tenantId })).toEqual([]);
  });

  it('shows a platform admin every clinic, and one clinic on request', async () => {
    const creates = await events(platformAdmin, { action: 'patient.create', outcome: 'SUCCESS' });
    expect(creates.map((e) => [e.tenantId, e.targetId])).toEqual(
      expect.arrayContaining([[clinicA.tenantId, created.byClinician], [clinicB.tenantId, created.inB]]),
    );
    const onlyB = await events(platformAdmin, { tenantId: clinicB.tenantId });
    expect(onlyB.map((e) => e.targetId)).toEqual([created.inB]);
  });

  it('refuses clinicians and patients', async () => {
    expect(await errorCode(EVENTS, { first: 5 }, clinicA.users.CLINICIAN)).toBe('FORBIDDEN');
    expect(await errorCode(EVENTS, { first: 5 }, clinicA.users.PATIENT)).toBe('FORBIDDEN');
  });

  it.each([
    ['from after to', { filter: { from: '2026-05-02T00:00:00Z', to: '2026-05-01T00:00:00Z' }, first: 5 }],
    ['a target that is not an id', { filter: { targetId: 'patient-1' }, first: 5 }],
    ['an actor that is not an id', { filter: { actorId: 'x' }, first: 5 }],
    ['an action that is no action name', { filter: { action: 'DROP TABLE' }, first: 5 }],
    ['first of 0', { first: 0 }],
    ['first of 101', { first: 101 }],
    ['a cursor that is not an id', { first: 5, after: 'page-2' }],
  ])('answers %s with BAD_USER_INPUT', async (_case, variables) => {
    expect(await errorCode(EVENTS, variables, clinicA.users.TENANT_ADMIN)).toBe('BAD_USER_INPUT');
  });

  it("shows a patient who read their record, not other patients' events", async () => {
    const [own] = await sql<{ id: string }>(stack, 'select id from audit.audit_event where request_id = ?', [readOwnRequest]);
    const [other] = await sql<{ id: string }>(stack, 'select id from audit.audit_event where request_id = ?', [readOtherRequest]);
    expect(own && other).toBeTruthy();
    const response = await graphql(stack.gateway.url, ACCESS_LOG, { first: 50 }, devToken(clinicA.users.PATIENT));
    const log = response.body.data.myAccessLog;
    expect(log).toContainEqual({ id: own!.id, occurredAt: expect.any(String), actorRole: 'CLINICIAN', action: 'patient.read', outcome: 'SUCCESS' });
    expect(log.map((e: { id: string }) => e.id)).not.toContain(other!.id);
    const inB = await graphql(stack.gateway.url, ACCESS_LOG, { first: 50 }, devToken(clinicB.users.PATIENT));
    expect(inB.body.data.myAccessLog).toEqual([]);
  });

  it("pages a patient's access log", async () => {
    const token = devToken(clinicA.users.PATIENT);
    const all = (await graphql(stack.gateway.url, ACCESS_LOG, { first: 50 }, token)).body.data.myAccessLog;
    expect(all.map((e: { actorRole: string }) => e.actorRole)).toEqual(['TENANT_ADMIN', 'TENANT_ADMIN', 'CLINICIAN']);
    const first = (await graphql(stack.gateway.url, ACCESS_LOG, { first: 2 }, token)).body.data.myAccessLog;
    const rest = (await graphql(stack.gateway.url, ACCESS_LOG, { first: 2, after: first[1].id }, token)).body.data.myAccessLog;
    expect([...first, ...rest]).toEqual(all);
  });

  it('chains every event at commit, leaving none staged', async () => {
    expect(await sql(stack, 'select id from audit.pending_event')).toEqual([]);
    const [own] = await sql(stack, 'select seq from audit.audit_event where request_id = ?', [readOwnRequest]);
    const [other] = await sql(stack, 'select seq from audit.audit_event where request_id = ?', [readOtherRequest]);
    expect(Number(other.seq)).toBe(Number(own.seq) + 1);
  });

  it('refuses the access log to anyone but a patient', async () => {
    expect(await errorCode(ACCESS_LOG, { first: 5 }, clinicA.users.CLINICIAN)).toBe('FORBIDDEN');
    expect(await errorCode(ACCESS_LOG, { first: 5 }, clinicA.users.TENANT_ADMIN)).toBe('FORBIDDEN');
    expect(await errorCode(ACCESS_LOG, { first: 5 }, platformAdmin)).toBe('FORBIDDEN');
  });
});
