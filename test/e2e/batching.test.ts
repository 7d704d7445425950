import { signIn, withCookie } from '../support/sessions';
import { graphql, seedTestClinic, startTestStack, type TestStack } from '../support/stack';

/** DataLoader batching: the SQL a request issues does not grow with the number of patients. */
describe('SQL statements per request', () => {
  let stack: TestStack;
  let clinic: Awaited<ReturnType<typeof seedTestClinic>>;
  const statements: string[] = [];
  let cookie: string | null;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 100);
    cookie = (await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN)).cookie;
    for (const orm of Object.values(stack.serviceOrms)) {
      // Left out: each request's transaction framing (BEGIN, the tenant scope, COMMIT), the same whatever
      // the page size, and the gateway's re-read of a clinic's status every 5 s, which under load lands anywhere.
      orm.em.getConnection().getKnex().on('query', (query: { sql: string }) => {
        if (/^(BEGIN|COMMIT|ROLLBACK);?$|^select set_config\('app\.tenant_id'/.test(query.sql) || query.sql.includes('"identity"."tenant"')) return;
        statements.push(query.sql);
      });
    }
    // 100 patients with consents, observations and paid invoices (each through the real billing path).
  }, 180_000);
  afterAll(() => stack.close());

  async function statementsFor(first: number): Promise<string[]> {
    statements.length = 0;
    const { body } = await graphql(
      stack.gateway.url,
      'query($first: Int!) { patients(first: $first) { id name consents { id } invoices { id } } }',
      { first },
      withCookie(cookie),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.patients).toHaveLength(first);
    expect(body.data.patients.every((p: { consents: unknown[]; invoices: unknown[] }) => p.consents.length > 0 && p.invoices.length > 0)).toBe(true);
    return [...statements];
  }

  it('issues the same number of statements for 10 patients as for 100', async () => {
    await statementsFor(1); // warms the gateway's short cache of the clinic's verification status
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(hundred.length).toBe(ten.length);
    // one page of patients, one batch of consents, one batch of invoices, and one access
    // event from each of the three subgraphs that read clinical data (the session is in Redis)
    expect(ten).toHaveLength(6);
    expect(ten.filter((statement) => statement.startsWith('select audit.append_event'))).toHaveLength(3);
    for (const table of ['patient"."patient', 'consent"."consent', 'billing"."invoice']) {
      expect(ten.filter((statement) => statement.includes(`"${table}"`))).toHaveLength(1);
    }
  });

  /** One request for `first` patients with their observations; returns the statements it issued. */
  async function observationStatementsFor(first: number, selection: string): Promise<string[]> {
    statements.length = 0;
    const { body } = await graphql(stack.gateway.url, `query($first: Int!) { patients(first: $first) { id ${selection} } }`, { first }, withCookie(cookie));
    expect(body.errors).toBeUndefined();
    expect(body.data.patients).toHaveLength(first);
    return [...statements];
  }

  it('loads the latest observation of each kind for a page of patients in one statement, at 10 as at 100', async () => {
    await observationStatementsFor(1, 'latest { kind }');
    const ten = await observationStatementsFor(10, 'latest { kind value diastolic }');
    const hundred = await observationStatementsFor(100, 'latest { kind value diastolic }');
    expect(hundred.length).toBe(ten.length);
    // one page of patients, one distinct-on batch of observations, one access event
    expect(ten).toHaveLength(3);
    expect(ten.filter((statement) => statement.includes('patient.observation'))).toEqual([expect.stringContaining('distinct on (patient_id, kind)')]);
  });

  it('loads a filtered history for a page of patients in one statement, at 10 as at 100', async () => {
    const selection = 'observations(kind: BLOOD_PRESSURE, last: 1) { value diastolic } history: observations(last: 3) { kind }';
    await observationStatementsFor(1, selection); // re-warms the clinic's verification status, which may have expired by now
    const ten = await observationStatementsFor(10, selection);
    const hundred = await observationStatementsFor(100, selection);
    expect(hundred.length).toBe(ten.length);
    // two differently filtered fields: one statement each, whatever the number of patients
    expect(ten.filter((statement) => statement.includes('patient.observation'))).toHaveLength(2);
  });
});
