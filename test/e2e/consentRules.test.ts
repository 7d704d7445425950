import { Client } from 'pg';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { CONSENT_FIELDS, REQUEST_CONSENT, consentInput, decide, requestConsent } from './consentSupport';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;
const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

/** Input checks, expiry by time and simultaneous decisions, through the gateway. */
describe('consent rules', () => {
  let stack: TestStack;
  let clinic: Clinic;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 2);
  });
  afterAll(() => stack.close());

  const patientId = () => clinic.patientIds[0]!;
  const consentCount = async () => (await sql(stack, 'select count(*)::int as n from consent.consent where tenant_id = ?', [clinic.tenantId]))[0].n as number;
  const permission = (overrides: Record<string, unknown>) => ({ ...consentInput(patientId()).permission, ...overrides });

  describe('rejects bad input with BAD_USER_INPUT naming the field, writing nothing', () => {
    const cases: [string, () => Record<string, unknown>, string][] = [
      ['dateRange from after to', () => ({ permission: permission({ dateRange: { from: iso(2 * DAY), to: iso(DAY) } }) }), 'permission.dateRange'],
      ['dataEraseAt in the past', () => ({ permission: permission({ dateRange: { from: iso(-2 * DAY), to: iso(-DAY) }, dataEraseAt: iso(-60_000) }) }), 'permission.dataEraseAt'],
      ['dataEraseAt before dateRange.to', () => ({ permission: permission({ dataEraseAt: iso(DAY) }) }), 'permission.dataEraseAt'],
      ['frequency value 0', () => ({ permission: permission({ frequency: { unit: 'DAY', value: 0, repeats: 1 } }) }), 'permission.frequency.value'],
      ['frequency repeats -1', () => ({ permission: permission({ frequency: { unit: 'DAY', value: 1, repeats: -1 } }) }), 'permission.frequency.repeats'],
      ['no hiTypes', () => ({ hiTypes: [] }), 'hiTypes'],
      ['insurer without an id', () => ({ grantee: { kind: 'INSURER', insurerName: 'Star Health Insurance' } }), 'grantee.insurerId'],
      ['insurer without a name', () => ({ grantee: { kind: 'INSURER', insurerId: 'star-health' } }), 'grantee.insurerName'],
      ['insurer id with spaces', () => ({ grantee: { kind: 'INSURER', insurerId: 'star health', insurerName: 'Star' } }), 'grantee.insurerId'],
      ['clinic grantee with an insurer id', () => ({ grantee: { kind: 'CLINIC', insurerId: 'star-health' } }), 'grantee.insurerId'],
    ];
    it.each(cases)('%s', async (_name, overrides, field) => {
      const before = await consentCount();
      const { body } = await graphql(stack.gateway.url, REQUEST_CONSENT, { input: consentInput(patientId(), overrides()) }, devToken(clinic.users.CLINICIAN));
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.errors?.[0]?.message).toContain(field);
      expect(await consentCount()).toBe(before);
    });

    it('an unknown hiType, naming hiTypes', async () => {
      const { body } = await graphql(stack.gateway.url, REQUEST_CONSENT, { input: consentInput(patientId(), { hiTypes: ['OPConsultation', 'XRayFilm'] }) }, devToken(clinic.users.CLINICIAN));
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(/hiTypes/);
    });

    it('an overlong reason', async () => {
      const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId()));
      const reply = await decide(stack, clinic.users.CLINICIAN, 'grantConsent', id, 'x'.repeat(501));
      expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    });

    it('accepts the boundary values (the control case)', async () => {
      const consent = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId(), {
        permission: permission({ dateRange: { from: iso(DAY), to: iso(DAY) }, dataEraseAt: iso(DAY), frequency: { unit: 'HOUR', value: 1, repeats: 0 } }),
      }));
      expect(consent.status).toBe('REQUESTED');
    });
  });

  describe('expiry by time', () => {
    /** Moves a consent's permission into the past, as time would (the API refuses a past dataEraseAt). */
    const age = (id: string) =>
      sql(stack, `update consent.consent set date_from = now() - interval '3 days', date_to = now() - interval '2 days', data_erase_at = now() - interval '1 day' where id = ?`, [id]);

    it('reports a GRANTED consent past its dataEraseAt as EXPIRED everywhere, without rewriting the row', async () => {
      const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId()));
      await decide(stack, clinic.users.PATIENT, 'grantConsent', id);
      await age(id);
      const token = devToken(clinic.users.CLINICIAN);
      const one = await graphql(stack.gateway.url, 'query($id: ID!) { consent(id: $id) { status history { status } } }', { id }, token);
      expect(one.body.data.consent).toEqual({ status: 'EXPIRED', history: [{ status: 'REQUESTED' }, { status: 'GRANTED' }] });
      const listed = await graphql(stack.gateway.url, 'query($p: ID!) { patient(id: $p) { expired: consents(status: EXPIRED) { id status } granted: consents(status: GRANTED) { id } } }', { p: patientId() }, token);
      expect(listed.body.data.patient.expired).toContainEqual({ id, status: 'EXPIRED' });
      expect(listed.body.data.patient.granted.map((c: { id: string }) => c.id)).not.toContain(id);
      const mine = await graphql(stack.gateway.url, '{ myConsents(status: EXPIRED) { id } }', {}, devToken(clinic.users.PATIENT));
      expect(mine.body.data.myConsents.map((c: { id: string }) => c.id)).toContain(id);
      expect(await sql(stack, 'select status from consent.consent where id = ?', [id])).toEqual([{ status: 'GRANTED' }]);

      const withdraw = await decide(stack, clinic.users.PATIENT, 'withdrawConsent', id);
      expect(withdraw.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'EXPIRED' });
    });

    it('lets an unanswered request lapse: EXPIRED, and no longer grantable', async () => {
      const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId()));
      await age(id);
      const grant = await decide(stack, clinic.users.PATIENT, 'grantConsent', id);
      expect(grant.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', status: 'EXPIRED' });
      expect(grant.body.errors?.[0]?.message).toMatch(/is EXPIRED and cannot be granted/);
    });

    it('keeps a consent whose dataEraseAt is still ahead GRANTED (the control case)', async () => {
      const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId()));
      await decide(stack, clinic.users.PATIENT, 'grantConsent', id);
      await sql(stack, `update consent.consent set date_to = now() + interval '1 minute', data_erase_at = now() + interval '1 minute' where id = ?`, [id]);
      const one = await graphql(stack.gateway.url, 'query($id: ID!) { consent(id: $id) { status } }', { id }, devToken(clinic.users.CLINICIAN));
      expect(one.body.data.consent.status).toBe('GRANTED');
    });
  });

  describe('simultaneous decisions on one consent', () => {
    const historyOf = async (id: string) =>
      (await sql<{ status: string }>(stack, 'select status from consent.consent_status_change where consent_id = ? order by at, id', [id])).map((r) => r.status);

    /**
     * Holds the consent's row lock from another connection while the decisions are
     * sent, and lets go once `waiters` of them wait on it: they then truly overlap.
     */
    async function whileRowLocked<T>(id: string, waiters: number, send: () => Promise<T>): Promise<T> {
      const client = new Client({ connectionString: stack.database.url });
      await client.connect();
      try {
        await client.query('begin');
        await client.query('select 1 from consent.consent where id = $1 for update', [id]);
        const replies = send();
        for (let i = 0; i < 200; i++) {
          // Inside a transaction pg_stat_activity is a snapshot; clear it to see the waiters arrive.
          await client.query('select pg_stat_clear_snapshot()');
          const { rows } = await client.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
          if (rows[0].n >= waiters) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        await client.query('commit');
        return await replies;
      } finally {
        await client.end();
      }
    }

    it('lets exactly one of several simultaneous grants win', async () => {
      const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId()));
      // Four, within the test stack's pool of five connections per subgraph.
      const replies = await whileRowLocked(id, 4, () => Promise.all(
        Array.from({ length: 4 }, (_, i) => (i % 2 ? decide(stack, clinic.users.PATIENT, 'grantConsent', id) : decide(stack, clinic.users.CLINICIAN, 'grantConsent', id, 'patient signed paper form'))),
      ));
      const wins = replies.filter((r) => r.body.data?.grantConsent);
      const conflicts = replies.filter((r) => r.body.errors?.[0]?.extensions?.code === 'CONFLICT');
      expect(wins).toHaveLength(1);
      expect(conflicts).toHaveLength(3);
      expect(await historyOf(id)).toEqual(['REQUESTED', 'GRANTED']);
      const events = await sql(stack, `select outcome, count(*)::int as n from audit.audit_event where target_id = ? and action = 'consent.grant' group by outcome order by outcome`, [id]);
      expect(events).toEqual([{ outcome: 'FAILURE', n: 3 }, { outcome: 'SUCCESS', n: 1 }]);
    });

    it('lets either a grant or a denial win, never both', async () => {
      const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId()));
      const [grant, deny] = await whileRowLocked(id, 2, () => Promise.all([
        decide(stack, clinic.users.PATIENT, 'grantConsent', id),
        decide(stack, clinic.users.PATIENT, 'denyConsent', id),
      ]));
      const winners = [grant.body.data?.grantConsent, deny.body.data?.denyConsent].filter(Boolean);
      expect(winners).toHaveLength(1);
      const [row] = await sql(stack, 'select status from consent.consent where id = ?', [id]);
      expect(await historyOf(id)).toEqual(['REQUESTED', row.status]);
      expect(winners[0].status).toBe(row.status);
    });

    it('leaves a legal history when grant and withdraw race, whichever comes first', async () => {
      const seen = new Set<string>();
      for (let round = 0; round < 8; round++) {
        const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId()));
        const [grant, withdraw] = await Promise.all([
          decide(stack, clinic.users.PATIENT, 'grantConsent', id),
          decide(stack, clinic.users.PATIENT, 'withdrawConsent', id),
        ]);
        expect(grant.body.errors).toBeUndefined();
        const history = await historyOf(id);
        const [row] = await sql(stack, 'select status, granted_at is not null as granted, revoked_at is not null as revoked from consent.consent where id = ?', [id]);
        if (withdraw.body.errors) {
          // The withdrawal came first and found nothing to withdraw.
          expect(withdraw.body.errors[0]!.extensions!.code).toBe('CONFLICT');
          expect(history).toEqual(['REQUESTED', 'GRANTED']);
          expect(row).toEqual({ status: 'GRANTED', granted: true, revoked: false });
          seen.add('withdraw-first');
        } else {
          expect(withdraw.body.data.withdrawConsent.status).toBe('REVOKED');
          expect(history).toEqual(['REQUESTED', 'GRANTED', 'REVOKED']);
          expect(row).toEqual({ status: 'REVOKED', granted: true, revoked: true });
          seen.add('grant-first');
        }
      }
      expect(seen.size).toBeGreaterThan(0);
    });
  });

  it('returns the same artefact shape from every path', async () => {
    const { id } = await requestConsent(stack, clinic.users.CLINICIAN, consentInput(patientId()));
    const viaQuery = await graphql(stack.gateway.url, `query($id: ID!) { consent(id: $id) { ${CONSENT_FIELDS} } }`, { id }, devToken(clinic.users.CLINICIAN));
    const viaPatient = await graphql(stack.gateway.url, `{ myConsents { ${CONSENT_FIELDS} } }`, {}, devToken(clinic.users.PATIENT));
    expect(viaPatient.body.data.myConsents.find((c: { id: string }) => c.id === id)).toEqual(viaQuery.body.data.consent);
  });
});
