import { DASHBOARD_PAGE, DASHBOARD_QUERY } from '../bench/dashboardQuery';
import { signIn, withCookie } from '../support/sessions';
import { graphql, seedTestClinic, startTestStack, type TestStack } from '../support/stack';

interface DashboardPatient {
  id: string;
  latest: { kind: string }[];
  consents: { id: string }[];
  lastInvoice: { id: string; number: string } | null;
}

/** The clinic dashboard through the gateway: its SQL does not grow with the clinic. */
describe('clinic dashboard', () => {
  let stack: TestStack;
  const statements: string[] = [];
  let smallCookie: string | null;
  let largeCookie: string | null;
  let large: Awaited<ReturnType<typeof seedTestClinic>>;

  beforeAll(async () => {
    stack = await startTestStack();
    const small = await seedTestClinic(stack, 10);
    large = await seedTestClinic(stack, 500);
    smallCookie = (await signIn(stack.gateway.url, small.slug, small.users.CLINICIAN)).cookie;
    largeCookie = (await signIn(stack.gateway.url, large.slug, large.users.CLINICIAN)).cookie;
    for (const orm of Object.values(stack.serviceOrms)) {
      // The gateway re-reads a clinic's status every 5 s whatever the page: on a loaded machine that read lands anywhere.
      // Left out, as in batching.test.ts: the transaction framing and the gateway's periodic clinic-status read.
      orm.em.getConnection().getKnex().on('query', (query: { sql: string }) => {
        if (/^(BEGIN|COMMIT|ROLLBACK);?$|^select set_config\('app\.tenant_id'/.test(query.sql) || query.sql.includes('"identity"."tenant"')) return;
        statements.push(query.sql);
      });
    }
  }, 600_000); // seeding 500 patients' invoices the way the graph issues them takes minutes
  afterAll(() => stack.close());

  /** One dashboard request; returns its patients and the statements it issued. */
  async function dashboard(cookie: string | null, first = DASHBOARD_PAGE): Promise<{ patients: DashboardPatient[]; statements: string[] }> {
    statements.length = 0;
    const { body } = await graphql(stack.gateway.url, DASHBOARD_QUERY, { first }, withCookie(cookie));
    expect(body.errors).toBeUndefined();
    return { patients: body.data.patients, statements: [...statements] };
  }

  it('issues the same statements for a clinic of 10 patients as for one of 500', async () => {
    // Warms the gateway's short cache of each clinic's verification status.
    await dashboard(smallCookie, 1);
    await dashboard(largeCookie, 1);
    const ten = await dashboard(smallCookie);
    const fifty = await dashboard(largeCookie);
    const hundred = await dashboard(largeCookie, 100);
    expect(ten.patients).toHaveLength(10);
    expect(fifty.patients).toHaveLength(DASHBOARD_PAGE);
    expect(hundred.patients).toHaveLength(100);
    for (const patient of [...ten.patients, ...fifty.patients]) {
      expect(patient.latest.length).toBeGreaterThan(0);
      expect(patient.lastInvoice).not.toBeNull();
    }
    expect(fifty.patients.some((p) => p.consents.length > 0)).toBe(true);
    expect(fifty.statements.length).toBe(ten.statements.length);
    expect(hundred.statements.length).toBe(ten.statements.length);
    // one page of patients, one batch each of latest observations, consents and last
    // invoices, and one access event from each of the three subgraphs that read clinical data
    expect(ten.statements).toHaveLength(7);
    expect(ten.statements.filter((s) => s.startsWith('select audit.append_event'))).toHaveLength(3);
    expect(ten.statements.filter((s) => s.includes('patient.observation'))).toEqual([expect.stringContaining('distinct on (patient_id, kind)')]);
    expect(ten.statements.filter((s) => s.includes('billing.invoice'))).toEqual([expect.stringContaining('distinct on (patient_id)')]);
    expect(ten.statements.filter((s) => s.includes('"consent"."consent"'))).toHaveLength(1);
  });

  it('gives each patient their newest invoice', async () => {
    const ids = (await dashboard(largeCookie, 4)).patients.map((p) => p.id);
    const invoiceCounts: number[] = [];
    for (const id of ids) {
      const { body } = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { invoices { id issuedAt } lastInvoice { id } } }', { id }, withCookie(largeCookie));
      expect(body.errors).toBeUndefined();
      const { invoices, lastInvoice } = body.data.patient;
      expect(invoices.length).toBeGreaterThan(0);
      expect(lastInvoice).toEqual({ id: invoices[0].id });
      invoiceCounts.push(invoices.length);
    }
    // The seed gives every other patient a second invoice: the newest had to be chosen.
    expect(invoiceCounts.some((count) => count > 1)).toBe(true);
  });

  it('shows a signed-in patient the last invoice of their own record', async () => {
    const { cookie } = await signIn(stack.gateway.url, large.slug, large.users.PATIENT);
    const own = await graphql(stack.gateway.url, '{ myRecord { id invoices { id } lastInvoice { id } } }', {}, withCookie(cookie));
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.myRecord.id).toBe(large.patientIds[0]);
    expect(own.body.data.myRecord.lastInvoice).toEqual({ id: own.body.data.myRecord.invoices[0].id });
  });
});
