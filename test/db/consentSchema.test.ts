import { randomUUID } from 'node:crypto';
import { seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** The consent tables refuse what the API would never write: the last line of defence. */
describe('consent schema constraints', () => {
  let stack: TestStack;
  let clinic: Clinic;
  let other: Clinic;

  beforeAll(async () => {
    stack = await startTestStack();
    [clinic, other] = await Promise.all([seedTestClinic(stack, 1), seedTestClinic(stack, 1)]);
  });
  afterAll(() => stack.close());

  const CHECK_VIOLATION = '23514';
  const FOREIGN_KEY_VIOLATION = '23503';

  /** A valid row, with any column overridden by a raw SQL expression. */
  function insertConsent(overrides: Record<string, string> = {}, tenantId = clinic.tenantId, patientId = clinic.patientIds[0]!) {
    const columns: Record<string, string> = {
      purpose: `'CAREMGT'`,
      grantee: `'Test Clinic'`,
      grantee_kind: `'CLINIC'`,
      grantee_insurer_id: 'null',
      hi_types: `'{OPConsultation}'`,
      access_mode: `'VIEW'`,
      date_from: `now()`,
      date_to: `now() + interval '1 day'`,
      data_erase_at: `now() + interval '2 days'`,
      frequency_unit: `'DAY'`,
      frequency_value: '1',
      frequency_repeats: '0',
      status: `'REQUESTED'`,
      ...overrides,
    };
    const id = randomUUID();
    return sql(stack, `insert into consent.consent (id, tenant_id, patient_id, ${Object.keys(columns).join(', ')}) values (?, ?, ?, ${Object.values(columns).join(', ')})`, [id, tenantId, patientId]).then(() => id);
  }

  it('accepts a valid row (the control case)', async () => {
    await expect(insertConsent()).resolves.toBeDefined();
  });

  it.each([
    ['an unknown purpose', { purpose: `'MARKETING'` }],
    ['an unknown hiType', { hi_types: `'{OPConsultation,XRayFilm}'` }],
    ['an unknown access mode', { access_mode: `'DOWNLOAD'` }],
    ['an unknown frequency unit', { frequency_unit: `'SECOND'` }],
    ['a frequency value below 1', { frequency_value: '0' }],
    ['negative repeats', { frequency_repeats: '-1' }],
    ['a stored EXPIRED status (EXPIRED is computed)', { status: `'EXPIRED'` }],
    ['a date range that ends before it starts', { date_from: `now() + interval '1 day'`, date_to: 'now()' }],
    ['a dataEraseAt before the date range ends', { data_erase_at: 'now()' }],
    ['an INSURER without an insurer id', { grantee_kind: `'INSURER'` }],
    ['a CLINIC with an insurer id', { grantee_insurer_id: `'star-health'` }],
    ['a REVOKED consent without revoked_at', { status: `'REVOKED'`, granted_at: 'now()' }],
    ['a revoked_at on a consent that is not REVOKED', { status: `'GRANTED'`, granted_at: 'now()', revoked_at: 'now()' }],
  ])('refuses %s', async (_name, overrides) => {
    await expect(insertConsent(overrides)).rejects.toMatchObject({ code: CHECK_VIOLATION });
  });

  it("refuses a requester from another clinic", async () => {
    const [user] = await sql(stack, 'select id from identity."user" where tenant_id = ? limit 1', [other.tenantId]);
    await expect(insertConsent({ requested_by: `'${user.id}'` })).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION });
  });

  it('keeps the defaults of a row written without the API harmless: it covers nothing and has lapsed', async () => {
    const id = randomUUID();
    await sql(stack, `insert into consent.consent (id, tenant_id, patient_id, purpose, grantee, status) values (?, ?, ?, 'CAREMGT', 'x', 'GRANTED')`, [id, clinic.tenantId, clinic.patientIds[0]]);
    const [row] = await sql(stack, 'select hi_types, data_erase_at <= now() as lapsed, access_mode from consent.consent where id = ?', [id]);
    expect(row).toEqual({ hi_types: [], lapsed: true, access_mode: 'VIEW' });
  });

  describe('status history', () => {
    const insertChange = (consentId: string, tenantId = clinic.tenantId, extra: Record<string, string> = {}) =>
      sql(stack, `insert into consent.consent_status_change (id, tenant_id, consent_id, status${Object.keys(extra).map((k) => `, ${k}`).join('')}) values (?, ?, ?, 'REQUESTED'${Object.values(extra).map((v) => `, ${v}`).join('')})`, [randomUUID(), tenantId, consentId]);

    it("refuses a change that points at another clinic's consent", async () => {
      const consentId = await insertConsent();
      await expect(insertChange(consentId, other.tenantId)).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION });
      await expect(insertChange(consentId)).resolves.toBeDefined();
    });

    it('refuses an actor role without an actor, and an actor from another clinic', async () => {
      const consentId = await insertConsent();
      await expect(insertChange(consentId, clinic.tenantId, { actor_role: `'PATIENT'` })).rejects.toMatchObject({ code: CHECK_VIOLATION });
      const [user] = await sql(stack, 'select id from identity."user" where tenant_id = ? limit 1', [other.tenantId]);
      await expect(insertChange(consentId, clinic.tenantId, { actor_user_id: `'${user.id}'`, actor_role: `'CLINICIAN'` })).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION });
    });

    it('is append-only: updates and deletes are refused', async () => {
      const consentId = await insertConsent();
      await insertChange(consentId);
      await expect(sql(stack, `update consent.consent_status_change set status = 'GRANTED' where consent_id = ?`, [consentId])).rejects.toMatchObject({ code: '42501' });
      await expect(sql(stack, 'delete from consent.consent_status_change where consent_id = ?', [consentId])).rejects.toMatchObject({ code: '42501' });
      expect(await sql(stack, 'select status from consent.consent_status_change where consent_id = ?', [consentId])).toEqual([{ status: 'REQUESTED' }]);
    });
  });

  it('seeds every demo consent with a history that ends in its status', async () => {
    const rows = await sql(stack, `
      select c.status, (select h.status from consent.consent_status_change h where h.consent_id = c.id order by h.at desc, h.id desc limit 1) as last
        from consent.consent c where c.tenant_id = ? and c.grantee <> 'Test Clinic' and c.grantee <> 'x'`, [clinic.tenantId]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.last).toBe(row.status);
  });
});
