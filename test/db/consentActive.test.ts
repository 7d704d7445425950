import { randomUUID } from 'node:crypto';
import { hasActiveConsent, patientsWithActiveConsent, type ActiveConsentQuery, type ConsentPurpose } from '../../subgraphs/kit/consent';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;
const HOUR = 3_600_000;

/** hasActiveConsent as another subgraph calls it: through its own entity manager, on the shared database. */
describe('hasActiveConsent', () => {
  let stack: TestStack;
  let clinic: Clinic;
  let other: Clinic;
  const now = new Date();

  beforeAll(async () => {
    stack = await startTestStack();
    [clinic, other] = await Promise.all([seedTestClinic(stack, 6), seedTestClinic(stack, 1)]);
  });
  afterAll(() => stack.close());

  /** A billing-side caller: the billing subgraph's entity manager, not the consent subgraph's. */
  const billingEm = () => stack.orms.billing.em.fork();

  interface Row {
    tenantId?: string;
    patientId?: string;
    status?: string;
    purpose?: string;
    insurerId?: string | null;
    hiTypes?: string[];
    from?: Date;
    to?: Date;
    eraseAt?: Date;
  }
  /** Inserts a consent directly, with a unique insurer unless told otherwise, so tests do not see each other's rows. */
  async function insertConsent(row: Row = {}): Promise<{ id: string; query: ActiveConsentQuery & { patientId: string } }> {
    const id = randomUUID();
    const insurerId = row.insurerId === undefined ? `insurer-${randomUUID().slice(0, 8)}` : row.insurerId;
    const status = row.status ?? 'GRANTED';
    const tenantId = row.tenantId ?? clinic.tenantId;
    const patientId = row.patientId ?? clinic.patientIds[0]!;
    await sql(
      stack,
      `insert into consent.consent (id, tenant_id, patient_id, purpose, grantee, grantee_kind, grantee_insurer_id, hi_types, access_mode,
                                    date_from, date_to, data_erase_at, status, granted_at, revoked_at)
       values (?, ?, ?, ?, 'Test grantee', ?, ?, ?::text[], 'VIEW', ?, ?, ?, ?, ?, ?)`,
      [
        id, tenantId, patientId, row.purpose ?? 'HPAYMT', insurerId ? 'INSURER' : 'CLINIC', insurerId,
        `{${(row.hiTypes ?? ['OPConsultation', 'DischargeSummary']).join(',')}}`,
        row.from ?? new Date(now.getTime() - 24 * HOUR), row.to ?? new Date(now.getTime() + 24 * HOUR), row.eraseAt ?? new Date(now.getTime() + 48 * HOUR),
        status, ['GRANTED', 'REVOKED'].includes(status) ? now : null, status === 'REVOKED' ? now : null,
      ],
    );
    const grantee = insurerId ? ({ kind: 'INSURER', insurerId } as const) : ({ kind: 'CLINIC' } as const);
    return { id, query: { tenantId, patientId, grantee, purpose: (row.purpose ?? 'HPAYMT') as ConsentPurpose, hiType: 'OPConsultation', at: now } };
  }

  it('is true for a GRANTED consent whose purpose, grantee, hiType and date range match', async () => {
    const { query } = await insertConsent();
    expect(await hasActiveConsent(billingEm(), query)).toBe(true);
    expect(await hasActiveConsent(stack.orms.billing.em.getConnection(), query)).toBe(true);
  });

  it.each(['REQUESTED', 'DENIED', 'REVOKED'])('is false for a %s consent', async (status) => {
    const { query } = await insertConsent({ status });
    expect(await hasActiveConsent(billingEm(), query)).toBe(false);
  });

  it('is false once dataEraseAt has passed (EXPIRED), true just before', async () => {
    const eraseAt = new Date(now.getTime() + HOUR);
    const { query } = await insertConsent({ to: eraseAt, eraseAt });
    expect(await hasActiveConsent(billingEm(), { ...query, at: new Date(eraseAt.getTime() - 1) })).toBe(true);
    expect(await hasActiveConsent(billingEm(), { ...query, at: eraseAt })).toBe(false);
    const { query: lapsed } = await insertConsent({ from: new Date(now.getTime() - 3 * HOUR), to: new Date(now.getTime() - 2 * HOUR), eraseAt: new Date(now.getTime() - HOUR) });
    expect(await hasActiveConsent(billingEm(), { ...lapsed, at: undefined })).toBe(false);
  });

  it('is true only while the date range covers `at`, both ends included', async () => {
    const from = new Date(now.getTime() + HOUR);
    const to = new Date(now.getTime() + 2 * HOUR);
    const { query } = await insertConsent({ from, to, eraseAt: new Date(now.getTime() + 3 * HOUR) });
    expect(await hasActiveConsent(billingEm(), { ...query, at: new Date(from.getTime() - 1) })).toBe(false);
    expect(await hasActiveConsent(billingEm(), { ...query, at: from })).toBe(true);
    expect(await hasActiveConsent(billingEm(), { ...query, at: to })).toBe(true);
    expect(await hasActiveConsent(billingEm(), { ...query, at: new Date(to.getTime() + 1) })).toBe(false);
  });

  it('is false when the purpose, the hiType, the grantee kind or the insurer differ', async () => {
    const { query } = await insertConsent();
    expect(await hasActiveConsent(billingEm(), query)).toBe(true);
    expect(await hasActiveConsent(billingEm(), { ...query, purpose: 'DSRCH' })).toBe(false);
    expect(await hasActiveConsent(billingEm(), { ...query, hiType: 'WellnessRecord' })).toBe(false);
    expect(await hasActiveConsent(billingEm(), { ...query, grantee: { kind: 'CLINIC' } })).toBe(false);
    expect(await hasActiveConsent(billingEm(), { ...query, grantee: { kind: 'INSURER', insurerId: 'someone-else' } })).toBe(false);
    expect(await hasActiveConsent(billingEm(), { ...query, patientId: clinic.patientIds[1]! })).toBe(false);
  });

  it('matches a CLINIC grantee only for the consent of that clinic', async () => {
    const { query } = await insertConsent({ insurerId: null, purpose: 'PUBHLTH', hiTypes: ['WellnessRecord'] });
    const clinicQuery = { ...query, hiType: 'WellnessRecord' as const };
    expect(await hasActiveConsent(billingEm(), clinicQuery)).toBe(true);
    expect(await hasActiveConsent(billingEm(), { ...clinicQuery, grantee: { kind: 'INSURER', insurerId: 'star-health' } })).toBe(false);
    // The same patient id asked for by another clinic: its tenant holds no such consent.
    expect(await hasActiveConsent(billingEm(), { ...clinicQuery, tenantId: other.tenantId })).toBe(false);
  });

  it('sees a withdrawal through the API on its very next call', async () => {
    const patientId = clinic.patientIds[0]!;
    const insurerId = `insurer-${randomUUID().slice(0, 8)}`;
    const input = {
      patientId,
      purpose: 'HPAYMT',
      grantee: { kind: 'INSURER', insurerId, insurerName: 'Test Insurer' },
      hiTypes: ['OPConsultation'],
      permission: {
        accessMode: 'VIEW',
        dateRange: { from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 24 * HOUR).toISOString() },
        dataEraseAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        frequency: { unit: 'DAY', value: 1, repeats: 1 },
      },
    };
    const requested = await graphql(stack.gateway.url, 'mutation($input: RequestConsentInput!) { requestConsent(input: $input) { id } }', { input }, devToken(clinic.users.CLINICIAN));
    const id = requested.body.data.requestConsent.id;
    const query = { tenantId: clinic.tenantId, patientId, grantee: { kind: 'INSURER', insurerId } as const, purpose: 'HPAYMT' as const, hiType: 'OPConsultation' as const };
    expect(await hasActiveConsent(billingEm(), query)).toBe(false);
    await graphql(stack.gateway.url, 'mutation($id: ID!) { grantConsent(id: $id) { id } }', { id }, devToken(clinic.users.PATIENT));
    expect(await hasActiveConsent(billingEm(), query)).toBe(true);
    await graphql(stack.gateway.url, 'mutation($id: ID!) { withdrawConsent(id: $id) { id } }', { id }, devToken(clinic.users.PATIENT));
    expect(await hasActiveConsent(billingEm(), query)).toBe(false);
  });

  describe('patientsWithActiveConsent (many patients at once)', () => {
    it('answers for many patients in one SQL statement', async () => {
      const insurerId = `insurer-${randomUUID().slice(0, 8)}`;
      const [p0, p1, p2, p3, p4] = clinic.patientIds as [string, string, string, string, string];
      await insertConsent({ patientId: p0, insurerId });
      await insertConsent({ patientId: p1, insurerId, status: 'REVOKED' });
      await insertConsent({ patientId: p2, insurerId, eraseAt: new Date(now.getTime() + 24 * HOUR), to: new Date(now.getTime() - HOUR), from: new Date(now.getTime() - 2 * HOUR) });
      await insertConsent({ patientId: p3, insurerId });
      await insertConsent({ patientId: p3, insurerId, status: 'DENIED' });
      const statements: string[] = [];
      const knex = stack.orms.billing.em.getConnection().getKnex();
      const listener = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', listener);
      try {
        const active = await patientsWithActiveConsent(billingEm(), [p0, p1, p2, p3, p4], { tenantId: clinic.tenantId, grantee: { kind: 'INSURER', insurerId }, purpose: 'HPAYMT', hiType: 'OPConsultation', at: now });
        expect([...active].sort()).toEqual([p0, p3].sort());
      } finally {
        knex.removeListener('query', listener);
      }
      expect(statements).toHaveLength(1);
    });

    it('answers an empty set for no patients without asking the database', async () => {
      const active = await patientsWithActiveConsent({ execute: () => Promise.reject(new Error('no query expected')) }, [], { tenantId: clinic.tenantId, grantee: { kind: 'CLINIC' }, purpose: 'CAREMGT', hiType: 'OPConsultation' });
      expect(active.size).toBe(0);
    });
  });
});
