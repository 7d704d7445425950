import { purgeExpiredAuditEvents, verifyAuditChains } from '../../subgraphs/audit/chain';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

const createPatient = /* GraphQL */ `mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }`;

/** The audit log: atomic with the change, append-only in the database, tamper-evident, retained by class. */
describe('audit log', () => {
  let stack: TestStack;
  let clinic: Awaited<ReturnType<typeof seedTestClinic>>;
  const connection = () => stack.orms.audit.em.getConnection();
  const inTransaction = async (statements: string[]) => {
    const client = connection();
    return client.transactional(async (trx) => {
      for (const statement of statements) await client.execute(statement, [], 'all', trx);
    });
  };

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 2);
  });
  afterAll(() => stack.close());

  it('records a successful mutation in its own transaction, with class, retain-until and request metadata', async () => {
    const { body } = await graphql(stack.gateway.url, createPatient, { input: { name: 'Audit Subject' } }, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': 'audit-req-000001', 'user-agent': 'cmc-test' });
    const id = body.data.createPatient.id;
    const [event] = await sql(stack, `select action, outcome, class, retain_until::text, request_id, user_agent, host(client_ip) as ip, actor_role, tenant_id, (current_date + interval '7 years')::date::text as expected_until from audit.audit_event where target_id = ?`, [id]);
    expect(event).toMatchObject({ action: 'patient.create', outcome: 'SUCCESS', class: 'security', request_id: 'audit-req-000001', user_agent: 'cmc-test', ip: '127.0.0.1', actor_role: 'CLINICIAN', tenant_id: clinic.tenantId });
    expect(event.retain_until).toBe(event.expected_until);
  });

  it('rolls the change back when its event cannot be written, then records the failure', async () => {
    const [{ count: before }] = await sql(stack, 'select count(*)::int as count from patient.patient');
    await inTransaction([
      `create function audit.test_refuse_success() returns trigger language plpgsql as $$ begin raise exception 'injected audit failure'; end $$`,
      `create trigger test_refuse_success before insert on audit.audit_event for each row when (new.outcome = 'SUCCESS' and new.action = 'patient.create') execute function audit.test_refuse_success()`,
    ]);
    try {
      const { body } = await graphql(stack.gateway.url, createPatient, { input: { name: 'Never Saved' } }, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': 'audit-req-000002' });
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await inTransaction(['drop trigger test_refuse_success on audit.audit_event', 'drop function audit.test_refuse_success()']);
    }
    const [{ count: after }] = await sql(stack, 'select count(*)::int as count from patient.patient');
    expect(after).toBe(before);
    const events = await sql(stack, `select outcome from audit.audit_event where request_id = 'audit-req-000002'`);
    expect(events).toEqual([{ outcome: 'FAILURE' }]);
  });

  it('records a denied mutation after rolling it back', async () => {
    const { body } = await graphql(stack.gateway.url, createPatient, { input: { name: 'Self Registered' } }, { ...devToken(clinic.users.PATIENT), 'x-request-id': 'audit-req-000003' });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const events = await sql(stack, `select action, outcome, error_code from audit.audit_event where request_id = 'audit-req-000003'`);
    expect(events).toEqual([{ action: 'patient.create', outcome: 'DENIED', error_code: 'FORBIDDEN' }]);
  });

  it("records a clinician's read of patients as one access event listing their ids, but not a patient's read of their own record", async () => {
    await graphql(stack.gateway.url, '{ patients(first: 2) { id } }', {}, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': 'audit-req-000004' });
    const [event] = await sql(stack, `select action, class, target_ids from audit.audit_event where request_id = 'audit-req-000004'`);
    expect(event).toMatchObject({ action: 'patient.read', class: 'access' });
    expect([...event.target_ids].sort()).toEqual([...clinic.patientIds].sort());
    await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { id } }', { id: clinic.patientIds[0] }, { ...devToken(clinic.users.PATIENT), 'x-request-id': 'audit-req-000005' });
    expect(await sql(stack, `select 1 from audit.audit_event where request_id = 'audit-req-000005'`)).toEqual([]);
  });

  describe('append-only', () => {
    const asRole = (role: string, statement: string) => inTransaction([`set local role ${role}`, statement]);

    it.each(['update audit.audit_event set action = $$x.y$$', 'delete from audit.audit_event'])('the application role may not: %s', async (statement) => {
      await expect(asRole('cmc_app', statement)).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/permission denied/) });
    });

    it('the application role may read and append', async () => {
      await expect(asRole('cmc_app', 'select count(*) from audit.audit_event')).resolves.toBeUndefined();
    });

    it.each(['update audit.audit_event set action = $$x.y$$', 'delete from audit.audit_event', 'truncate audit.audit_event'])('even the owner may not: %s', async (statement) => {
      await expect(asRole('cmc_owner', statement)).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
    });
  });

  it('keeps every chain intact under 20 concurrent writers (500 events)', async () => {
    const token = devToken(clinic.users.CLINICIAN);
    await Promise.all(
      Array.from({ length: 20 }, async (_, writer) => {
        for (let i = 0; i < 25; i++) {
          const { body } = await graphql(stack.gateway.url, createPatient, { input: { name: `Concurrent ${writer}-${i}` } }, token);
          expect(body.errors).toBeUndefined();
        }
      }),
    );
    const [{ count, max }] = await sql(stack, 'select count(*)::int as count, max(seq)::int as max from audit.audit_event where chain = ?', [clinic.tenantId]);
    expect(count).toBe(max);
    expect(count).toBeGreaterThanOrEqual(500);
    expect((await verifyAuditChains(connection())).broken).toEqual([]);
    // 500 serialised chain writes: seconds on an idle machine, a minute or more on a busy 2-core one.
  }, 180_000);

  it('purges only events past retain-until, reports counts per class, records the purge, and the chain still verifies', async () => {
    // Age two events as the superuser, with triggers off, to simulate ten years passing for them.
    await inTransaction([
      'set local session_replication_role = replica',
      `update audit.audit_event set retain_until = date '2020-01-01' where id in (select id from audit.audit_event where chain = '${clinic.tenantId}' order by seq limit 2)`,
    ]);
    const [{ total: before }] = await sql(stack, 'select count(*)::int as total from audit.audit_event');
    const counts = await purgeExpiredAuditEvents(connection(), 'audit-req-retention');
    expect(Object.keys(counts).sort()).toEqual(['access', 'billing', 'consent', 'login', 'security']);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2);
    const [{ total: after }] = await sql(stack, 'select count(*)::int as total from audit.audit_event');
    expect(after).toBe(before - 2 + 1);
    expect(await sql(stack, `select action from audit.audit_event where request_id = 'audit-req-retention'`)).toEqual([{ action: 'audit.retentionPurge' }]);
    expect((await verifyAuditChains(connection())).broken).toEqual([]);
  });

  it('names the first broken link when an event is changed behind the triggers', async () => {
    const [target] = await sql(stack, `select seq from audit.audit_event where chain = ? order by seq offset 5 limit 1`, [clinic.tenantId]);
    await inTransaction([
      'set local session_replication_role = replica',
      `update audit.audit_event set outcome = 'DENIED' where chain = '${clinic.tenantId}' and seq = ${target.seq}`,
    ]);
    const report = await verifyAuditChains(connection());
    expect(report.broken).toEqual([{ chain: clinic.tenantId, seq: Number(target.seq), reason: 'hash does not match the event' }]);
  });
});
