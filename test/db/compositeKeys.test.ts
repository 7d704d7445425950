import { randomUUID } from 'node:crypto';
import { seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

/** Isolation layer 1: the schema itself refuses a row that points into another tenant. */
describe('composite tenant foreign keys', () => {
  let stack: TestStack;
  let clinicA: Awaited<ReturnType<typeof seedTestClinic>>;
  let clinicB: Awaited<ReturnType<typeof seedTestClinic>>;

  beforeAll(async () => {
    stack = await startTestStack();
    clinicA = await seedTestClinic(stack, 1);
    clinicB = await seedTestClinic(stack, 1);
  });
  afterAll(() => stack.close());

  const insertConsent = (tenantId: string, patientId: string) =>
    sql(stack, `insert into consent.consent (id, tenant_id, patient_id, purpose, grantee, status) values (?, ?, ?, 'CAREMGT', 'x', 'GRANTED')`, [randomUUID(), tenantId, patientId]);
  const insertCharge = (tenantId: string, patientId: string) =>
    sql(stack, `insert into billing.charge (id, tenant_id, patient_id, recipient_name, recipient_address, recipient_state_code, taxable_paise, tax_paise, total_paise, status)
      values (?, ?, ?, 'R', 'Road 1', '27', 100, 0, 100, 'OPEN')`, [randomUUID(), tenantId, patientId]);

  it("rejects a consent whose patient belongs to another tenant", async () => {
    await expect(insertConsent(clinicA.tenantId, clinicB.patientIds[0]!)).rejects.toMatchObject({ code: '23503' });
  });

  it('rejects a charge whose patient belongs to another tenant', async () => {
    await expect(insertCharge(clinicA.tenantId, clinicB.patientIds[0]!)).rejects.toMatchObject({ code: '23503' });
  });

  it("rejects a patient user linked to another tenant's patient", async () => {
    await expect(
      sql(stack, `insert into identity."user" (id, tenant_id, email, name, role, patient_id) values (?, ?, 'p@x.example', 'P', 'PATIENT', ?)`, [randomUUID(), clinicA.tenantId, clinicB.patientIds[0]]),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('accepts the same rows within one tenant (the control case)', async () => {
    await expect(insertConsent(clinicA.tenantId, clinicA.patientIds[0]!)).resolves.toBeDefined();
    await expect(insertCharge(clinicA.tenantId, clinicA.patientIds[0]!)).resolves.toBeDefined();
  });

  it('rejects a clinical row without a tenant or with an unknown one', async () => {
    await expect(sql(stack, `insert into patient.patient (id, tenant_id, name, sex) values (?, null, 'N', 'OTHER')`, [randomUUID()])).rejects.toMatchObject({ code: '23502' });
    await expect(sql(stack, `insert into patient.patient (id, tenant_id, name, sex) values (?, ?, 'N', 'OTHER')`, [randomUUID(), randomUUID()])).rejects.toMatchObject({ code: '23503' });
  });

  it('has tenant_id NOT NULL with a foreign key to the tenant on every clinical table', async () => {
    const rows = await sql<{ table: string; nullable: string; references_tenant: boolean }>(
      stack,
      `select c.table_schema || '.' || c.table_name as table, c.is_nullable as nullable,
              exists (select 1 from information_schema.key_column_usage k
                        join information_schema.referential_constraints r on r.constraint_name = k.constraint_name and r.constraint_schema = k.constraint_schema
                        join information_schema.constraint_column_usage u on u.constraint_name = r.unique_constraint_name and u.constraint_schema = r.unique_constraint_schema
                       where k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = 'tenant_id'
                         and u.table_schema = 'identity' and u.table_name = 'tenant') as references_tenant
         from information_schema.columns c
        where c.column_name = 'tenant_id' and c.table_schema in ('patient', 'consent', 'billing')`,
    );
    expect(rows.map((r) => r.table).sort()).toEqual([
      'billing.charge', 'billing.charge_line', 'billing.credit_note', 'billing.credit_note_line', 'billing.document_counter',
      'billing.invoice', 'billing.invoice_line', 'billing.payment', 'billing.subscription', 'consent.consent', 'consent.consent_status_change',
      'patient.observation', 'patient.patient',
    ]);
    for (const row of rows) expect(row).toMatchObject({ nullable: 'NO', references_tenant: true });
  });
});
