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
    for (const orm of Object.values(stack.orms)) {
      orm.em.getConnection().getKnex().on('query', (query: { sql: string }) => statements.push(query.sql));
    }
  });
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
});
