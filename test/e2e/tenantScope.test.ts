import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

/** Isolation layers 1, 2 and 4 seen from a client: through the real gateway over HTTP. */
describe('tenant scope through the gateway', () => {
  let stack: TestStack;
  let clinicA: Awaited<ReturnType<typeof seedTestClinic>>;
  let clinicB: Awaited<ReturnType<typeof seedTestClinic>>;

  beforeAll(async () => {
    stack = await startTestStack();
    clinicA = await seedTestClinic(stack, 12);
    clinicB = await seedTestClinic(stack, 12);
  });
  afterAll(() => stack.close());

  const patientsQuery = /* GraphQL */ `
    query { patients(first: 10) { id name consents { id patient { id } } invoices { id number patient { id } } } }
  `;

  it("gives a clinician only their own clinic's patients, consents and invoices, from three subgraphs", async () => {
    const { status, body } = await graphql(stack.gateway.url, patientsQuery, {}, devToken(clinicA.users.CLINICIAN));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const patients = body.data.patients as { id: string; consents: { patient: { id: string } }[]; invoices: { patient: { id: string } }[] }[];
    expect(patients).toHaveLength(10);
    for (const patient of patients) {
      expect(clinicA.patientIds).toContain(patient.id);
      expect(patient.consents.length).toBeGreaterThan(0);
      expect(patient.invoices.length).toBeGreaterThan(0);
      for (const child of [...patient.consents, ...patient.invoices]) expect(child.patient.id).toBe(patient.id);
    }
    const [consentRows, invoiceRows] = await Promise.all([
      sql(stack, 'select distinct tenant_id from consent.consent where id in (?)', [patients.flatMap((p) => p.consents.map((c: any) => c.id))]),
      sql(stack, 'select distinct tenant_id from billing.invoice where id in (?)', [patients.flatMap((p) => p.invoices.map((i: any) => i.id))]),
    ]);
    expect(consentRows).toEqual([{ tenant_id: clinicA.tenantId }]);
    expect(invoiceRows).toEqual([{ tenant_id: clinicA.tenantId }]);
  });

  it("answers NOT_FOUND, never FORBIDDEN, for another clinic's patient", async () => {
    const otherId = clinicB.patientIds[0]!;
    const { body } = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { id name } }', { id: otherId }, devToken(clinicA.users.CLINICIAN));
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(body)).not.toContain(clinicB.tenantId);
  });

  it("answers NOT_FOUND for another clinic's consent and invoice", async () => {
    const [consent] = await sql(stack, 'select id from consent.consent where tenant_id = ? limit 1', [clinicB.tenantId]);
    const [invoice] = await sql(stack, 'select id from billing.invoice where tenant_id = ? limit 1', [clinicB.tenantId]);
    const token = devToken(clinicA.users.CLINICIAN);
    const consentReply = await graphql(stack.gateway.url, 'query($id: ID!) { consent(id: $id) { id } }', { id: consent.id }, token);
    const invoiceReply = await graphql(stack.gateway.url, 'query($id: ID!) { invoice(id: $id) { id } }', { id: invoice.id }, token);
    expect(consentReply.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(invoiceReply.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("lets a clinician read one of their own clinic's patients", async () => {
    const id = clinicA.patientIds[3]!;
    const { body } = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { id } }', { id }, devToken(clinicA.users.CLINICIAN));
    expect(body.data).toEqual({ patient: { id } });
  });

  it("takes a new patient's tenant from the caller and records the change in the audit log", async () => {
    const { body } = await graphql(
      stack.gateway.url,
      'mutation($input: CreatePatientInput!) { createPatient(input: $input) { id name sex } }',
      { input: { name: '  Lakshmi Rao ', dateOfBirth: '1971-08-15', sex: 'FEMALE' } },
      devToken(clinicA.users.CLINICIAN),
    );
    expect(body.errors).toBeUndefined();
    const created = body.data.createPatient;
    expect(created).toMatchObject({ name: 'Lakshmi Rao', sex: 'FEMALE' });
        expect(await sql(stack, 'select tenant_id from patient.patient where id = ?', [created.id])).toEqual([{ tenant_id: clinicA.tenantId }]);
    const events = await sql(stack, 'select tenant_id, action, target_id, outcome from audit.audit_event where target_id = ?', [created.id]);
    expect(events).toEqual([{ tenant_id: clinicA.tenantId, action: 'patient.create', target_id: created.id, outcome: 'SUCCESS' }]);

    const audit = await graphql(stack.gateway.url, '{ auditEvents(first: 5) { action targetId } }', {}, devToken(clinicA.users.TENANT_ADMIN));
    expect(audit.body.data.auditEvents).toContainEqual({ action: 'patient.create', targetId: created.id });
    const otherAudit = await graphql(stack.gateway.url, '{ auditEvents(first: 50) { targetId } }', {}, devToken(clinicB.users.TENANT_ADMIN));
    expect(otherAudit.body.data.auditEvents).not.toContainEqual({ targetId: created.id });
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
        const [{ count: before }] = await sql(stack, 'select count(*)::int as count from patient.patient');
    const { body } = await graphql(
      stack.gateway.url,
      'mutation { createPatient(input: { name: "Future Child", dateOfBirth: "2999-01-01" }) { id } }',
      {},
      devToken(clinicA.users.CLINICIAN),
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dateOfBirth' });
    const [{ count: after }] = await sql(stack, 'select count(*)::int as count from patient.patient');
    expect(after).toBe(before);
  });

  it('lets a patient read their own record only', async () => {
    const own = clinicA.patientIds[0]!;
    const token = devToken(clinicA.users.PATIENT);
    const mine = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { id consents { id } } }', { id: own }, token);
    expect(mine.body.data.patient.id).toBe(own);
    expect(mine.body.data.patient.consents.length).toBeGreaterThan(0);
    const someoneElse = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { id } }', { id: clinicA.patientIds[1] }, token);
    // answered like an unknown id: another patient's record does not reveal that it exists
    expect(someoneElse.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const list = await graphql(stack.gateway.url, '{ patients(first: 5) { id } }', {}, token);
    expect(list.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gives a platform admin the clinics but no clinical data', async () => {
    const token = devToken('admin@platform.cardmetcare.example');
    await sql(stack, 
      `insert into identity."user" (id, tenant_id, email, name, role) values (gen_random_uuid(), null, 'admin@platform.cardmetcare.example', 'Platform Admin', 'PLATFORM_ADMIN')`,
    );
    const tenants = await graphql(stack.gateway.url, '{ tenants { id } }', {}, token);
    expect(tenants.body.data.tenants.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([clinicA.tenantId, clinicB.tenantId]));
    const patients = await graphql(stack.gateway.url, '{ patients(first: 5) { id } }', {}, token);
    expect(patients.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('treats a request without credentials as anonymous and refuses it', async () => {
    const { status, body } = await graphql(stack.gateway.url, '{ patients(first: 5) { id } }');
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
