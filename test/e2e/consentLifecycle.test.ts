import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { addPatientUser, consentInput, decide, requestConsent, userIdOf } from './consentSupport';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** A consent's life through the gateway: requested by the clinic, decided by the patient. */
describe('consent lifecycle', () => {
  let stack: TestStack;
  let clinic: Clinic;
  let other: Clinic;
  let clinicianId: string;
  let patientUserId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    [clinic, other] = await Promise.all([seedTestClinic(stack, 3), seedTestClinic(stack, 1)]);
    clinicianId = await userIdOf(stack, clinic.users.CLINICIAN);
    patientUserId = await userIdOf(stack, clinic.users.PATIENT);
  });
  afterAll(() => stack.close());

  const ownPatient = () => clinic.patientIds[0]!;
  const auditOf = (targetId: string) =>
    sql(stack, 'select action, class, outcome, actor_id, error_code from audit.audit_event where target_id = ? order by seq', [targetId]);

  it('requests, grants and withdraws, recording each step in the history and the audit log', async () => {
    const requested = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(ownPatient(), { purpose: 'HPAYMT', grantee: { kind: 'INSURER', insurerId: 'star-health', insurerName: 'Star Health Insurance' }, hiTypes: ['DischargeSummary', 'DischargeSummary', 'OPConsultation'] }));
    expect(requested).toMatchObject({
      status: 'REQUESTED',
      grantedAt: null,
      patient: { id: ownPatient() },
      purpose: { code: 'HPAYMT', text: 'Healthcare Payment' },
      requester: { tenantId: clinic.tenantId, userId: clinicianId },
      grantee: { kind: 'INSURER', id: 'star-health', name: 'Star Health Insurance' },
      hiTypes: ['DischargeSummary', 'OPConsultation'],
      permission: { accessMode: 'VIEW', frequency: { unit: 'DAY', value: 1, repeats: 3 } },
      history: [{ status: 'REQUESTED', actorUserId: clinicianId, actorRole: 'CLINICIAN', reason: null }],
    });

    const granted = await decide(stack, clinic.users.PATIENT, 'grantConsent', requested.id);
    expect(granted.body.errors).toBeUndefined();
    expect(granted.body.data.grantConsent).toMatchObject({ status: 'GRANTED', revokedAt: null });
    expect(granted.body.data.grantConsent.grantedAt).not.toBeNull();

    // Withdrawal takes one call and no more than granting did: no reason needed from the patient.
    const withdrawn = await decide(stack, clinic.users.PATIENT, 'withdrawConsent', requested.id);
    expect(withdrawn.body.errors).toBeUndefined();
    const consent = withdrawn.body.data.withdrawConsent;
    expect(consent.status).toBe('REVOKED');
    expect(consent.history.map((h: { status: string }) => h.status)).toEqual(['REQUESTED', 'GRANTED', 'REVOKED']);
    expect(consent.history.slice(1)).toEqual([
      expect.objectContaining({ actorUserId: patientUserId, actorRole: 'PATIENT', reason: null }),
      expect.objectContaining({ actorUserId: patientUserId, actorRole: 'PATIENT', reason: null }),
    ]);
    const times = consent.history.map((h: { at: string }) => Date.parse(h.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Date.parse(consent.revokedAt)).toBeGreaterThanOrEqual(Date.parse(consent.grantedAt));

    expect(await sql(stack, 'select status, revoked_at is not null as revoked from consent.consent where id = ?', [requested.id])).toEqual([{ status: 'REVOKED', revoked: true }]);
    expect(await auditOf(requested.id)).toEqual([
      { action: 'consent.request', class: 'consent', outcome: 'SUCCESS', actor_id: clinicianId, error_code: null },
      { action: 'consent.grant', class: 'consent', outcome: 'SUCCESS', actor_id: patientUserId, error_code: null },
      { action: 'consent.withdraw', class: 'consent', outcome: 'SUCCESS', actor_id: patientUserId, error_code: null },
    ]);
  });

  it('names the clinic as the grantee of a CLINIC consent', async () => {
    const consent = await requestConsent(stack, clinic.users.TENANT_ADMIN, consentInput(ownPatient()));
    const [tenant] = await sql(stack, 'select name from identity.tenant where id = ?', [clinic.tenantId]);
    expect(consent.grantee).toEqual({ kind: 'CLINIC', id: clinic.tenantId, name: tenant.name });
    expect(consent.history).toEqual([expect.objectContaining({ status: 'REQUESTED', actorRole: 'TENANT_ADMIN' })]);
  });

  it('requests and denies; a denied consent cannot be granted afterwards (CONFLICT)', async () => {
    const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(ownPatient()));
    const denied = await decide(stack, clinic.users.PATIENT, 'denyConsent', id, '  not now  ');
    expect(denied.body.errors).toBeUndefined();
    expect(denied.body.data.denyConsent.status).toBe('DENIED');
    expect(denied.body.data.denyConsent.history.at(-1)).toMatchObject({ status: 'DENIED', actorRole: 'PATIENT', reason: 'not now' });

    const again = await decide(stack, clinic.users.PATIENT, 'grantConsent', id);
    expect(again.body.data).toBeNull();
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.body.errors?.[0]?.message).toMatch(/is DENIED and cannot be granted/);
    expect(await auditOf(id)).toContainEqual({ action: 'consent.grant', class: 'consent', outcome: 'FAILURE', actor_id: patientUserId, error_code: 'CONFLICT' });
  });

  it('refuses illegal transitions with CONFLICT and leaves the consent as it was', async () => {
    const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(ownPatient()));
    const early = await decide(stack, clinic.users.PATIENT, 'withdrawConsent', id);
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'REQUESTED' });
    await decide(stack, clinic.users.PATIENT, 'grantConsent', id);
    await decide(stack, clinic.users.PATIENT, 'withdrawConsent', id);
    for (const field of ['grantConsent', 'denyConsent', 'withdrawConsent'] as const) {
      const reply = await decide(stack, clinic.users.PATIENT, field, id);
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(reply.body.errors?.[0]?.message).toMatch(/is REVOKED and cannot be/);
    }
    expect(await sql(stack, 'select status from consent.consent_status_change where consent_id = ? order by at, id', [id])).toEqual([{ status: 'REQUESTED' }, { status: 'GRANTED' }, { status: 'REVOKED' }]);
  });

  it("lets a patient decide their own consent but answers NOT_FOUND for another patient's", async () => {
    const mine = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(ownPatient()));
    const theirs = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(clinic.patientIds[1]!));
    for (const field of ['grantConsent', 'denyConsent'] as const) {
      const reply = await decide(stack, clinic.users.PATIENT, field, theirs.id);
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const read = await graphql(stack.gateway.url, 'query($id: ID!) { consent(id: $id) { id } }', { id: theirs.id }, devToken(clinic.users.PATIENT));
    expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await sql(stack, 'select status from consent.consent where id = ?', [theirs.id])).toEqual([{ status: 'REQUESTED' }]);

    // The other patient, signed in, decides their own.
    const secondPatient = await addPatientUser(stack, clinic.tenantId, clinic.patientIds[1]!);
    const granted = await decide(stack, secondPatient, 'grantConsent', theirs.id);
    expect(granted.body.data.grantConsent.status).toBe('GRANTED');
    const ownRead = await graphql(stack.gateway.url, 'query($id: ID!) { consent(id: $id) { id status } }', { id: mine.id }, devToken(clinic.users.PATIENT));
    expect(ownRead.body.data.consent).toEqual({ id: mine.id, status: 'REQUESTED' });
  });

  it('requires a reason when a clinician records the patient’s decision, and records it', async () => {
    const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(ownPatient()));
    for (const reason of [undefined, '   ']) {
      const reply = await decide(stack, clinic.users.CLINICIAN, 'grantConsent', id, reason);
      expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    }
    const granted = await decide(stack, clinic.users.CLINICIAN, 'grantConsent', id, 'patient signed paper form');
    expect(granted.body.data.grantConsent.history.at(-1)).toMatchObject({ status: 'GRANTED', actorUserId: clinicianId, actorRole: 'CLINICIAN', reason: 'patient signed paper form' });
    const noReason = await decide(stack, clinic.users.CLINICIAN, 'withdrawConsent', id);
    expect(noReason.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const withdrawn = await decide(stack, clinic.users.CLINICIAN, 'withdrawConsent', id, 'patient phoned to withdraw');
    expect(withdrawn.body.data.withdrawConsent.status).toBe('REVOKED');
  });

  it('keeps decisions to the patient and clinicians: a tenant admin may request but not decide', async () => {
    const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(ownPatient()));
    const reply = await decide(stack, clinic.users.TENANT_ADMIN, 'grantConsent', id, 'patient signed paper form');
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byPatient = await graphql(stack.gateway.url, 'mutation($input: RequestConsentInput!) { requestConsent(input: $input) { id } }', { input: consentInput(ownPatient()) }, devToken(clinic.users.PATIENT));
    expect(byPatient.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await sql(stack, 'select outcome, error_code from audit.audit_event where target_id = ? and action = ?', [id, 'consent.grant'])).toEqual([{ outcome: 'DENIED', error_code: 'FORBIDDEN' }]);
  });

  it("answers NOT_FOUND for another clinic's consent and patient, to reads and to every decision", async () => {
    const theirs = await requestConsent(stack, other.users.CLINICIAN, consentInput(other.patientIds[0]!));
    const read = await graphql(stack.gateway.url, 'query($id: ID!) { consent(id: $id) { id } }', { id: theirs.id }, devToken(clinic.users.CLINICIAN));
    expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const field of ['grantConsent', 'denyConsent', 'withdrawConsent'] as const) {
      const reply = await decide(stack, clinic.users.CLINICIAN, field, theirs.id, 'patient signed paper form');
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const request = await graphql(stack.gateway.url, 'mutation($input: RequestConsentInput!) { requestConsent(input: $input) { id } }', { input: consentInput(other.patientIds[0]!) }, devToken(clinic.users.CLINICIAN));
    expect(request.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', type: 'Patient' });
    expect(JSON.stringify(request.body)).not.toContain(other.tenantId);
    expect(await sql(stack, 'select status from consent.consent where id = ?', [theirs.id])).toEqual([{ status: 'REQUESTED' }]);
    expect(await sql(stack, 'select count(*)::int as n from consent.consent where tenant_id = ? and patient_id = ?', [clinic.tenantId, other.patientIds[0]])).toEqual([{ n: 0 }]);
  });

  it('loads consents and their histories in one statement each, however many patients are listed', async () => {
    const many = await seedTestClinic(stack, 30);
    const statements: string[] = [];
    const knex = stack.serviceOrms.consent.em.getConnection().getKnex();
    const listener = (query: { sql: string }) => statements.push(query.sql);
    knex.on('query', listener);
    const consentStatements = async (first: number) => {
      statements.length = 0;
      const { body } = await graphql(stack.gateway.url, 'query($first: Int!) { patients(first: $first) { consents { id status history { status at } } } }', { first }, devToken(many.users.CLINICIAN));
      expect(body.errors).toBeUndefined();
      expect(body.data.patients).toHaveLength(first);
      expect(body.data.patients.every((p: { consents: { history: unknown[] }[] }) => p.consents.length > 0 && p.consents.every((c) => c.history.length >= 2))).toBe(true);
      return statements.filter((sql) => sql.includes('"consent"."consent')).length;
    };
    try {
      const few = await consentStatements(3);
      expect(few).toBe(2);
      expect(await consentStatements(30)).toBe(few);
    } finally {
      knex.removeListener('query', listener);
    }
  });

  it('lists a patient’s own consents (myConsents) and a patient’s consents by status, in one batch', async () => {
    const patientId = clinic.patientIds[2]!;
    const email = await addPatientUser(stack, clinic.tenantId, patientId);
    const a = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId));
    const b = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId, { purpose: 'DSRCH' }));
    await decide(stack, email, 'grantConsent', b.id);

    const mine = await graphql(stack.gateway.url, '{ all: myConsents { id patient { id } } granted: myConsents(status: GRANTED) { id } }', {}, devToken(email));
    expect(mine.body.errors).toBeUndefined();
    const seeded = (await sql(stack, 'select count(*)::int as n from consent.consent where patient_id = ?', [patientId]))[0].n;
    expect(mine.body.data.all).toHaveLength(seeded);
    expect(mine.body.data.all.slice(0, 2).map((c: { id: string }) => c.id)).toEqual([b.id, a.id]);
    expect(mine.body.data.all.every((c: { patient: { id: string } }) => c.patient.id === patientId)).toBe(true);
    expect(mine.body.data.granted.map((c: { id: string }) => c.id)).toContain(b.id);
    expect(mine.body.data.granted.map((c: { id: string }) => c.id)).not.toContain(a.id);

    const staff = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { requested: consents(status: REQUESTED) { id status } } }', { id: patientId }, devToken(clinic.users.CLINICIAN));
    expect(staff.body.data.patient.requested).toEqual([{ id: a.id, status: 'REQUESTED' }]);
    const notPatient = await graphql(stack.gateway.url, '{ myConsents { id } }', {}, devToken(clinic.users.CLINICIAN));
    expect(notPatient.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
