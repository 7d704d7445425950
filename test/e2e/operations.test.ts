import { devToken, graphql, seedTestClinic, startTestStack, type TestStack } from '../support/stack';

describe('gateway operations', () => {
  let stack: TestStack;
  let clinic: Awaited<ReturnType<typeof seedTestClinic>>;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 3);
  });
  afterAll(() => stack.close());

  const base = () => stack.gateway.url.replace(/\/graphql$/, '');

  it('answers /healthz while the process is up', async () => {
    const response = await fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('passes a malformed DateTime variable on as BAD_USER_INPUT, not a masked internal error', async () => {
    const { status, body } = await graphql(
      stack.gateway.url,
      'query($from: DateTime) { auditEvents(filter: { from: $from }) { id } }',
      { from: 'next year' },
      devToken(clinic.users.TENANT_ADMIN),
    );
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/DateTime|ISO 8601|next year/i);
  });

  it('reports /readyz ready when the database and every subgraph answer, and 503 when one does not', async () => {
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: Record<string, string> };
    expect(Object.keys(body.checks)).toEqual(expect.arrayContaining(['database', 'subgraph:identity', 'subgraph:patient', 'subgraph:consent', 'subgraph:billing', 'subgraph:audit']));

    await stack.subgraphs.audit.app.close();
    const notReady = await fetch(`${base()}/readyz`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: Record<string, string> }).checks['subgraph:audit']).toBe('unreachable');
  });

  it('logs one line per request with its request id and no personal data', async () => {
    const name = 'Zephyrine Quokkawala';
    const requestId = 'trace-0123456789';
    const response = await graphql(
      stack.gateway.url,
      'mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }',
      { input: { name, dateOfBirth: '1990-01-01' } },
      { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId },
    );
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const lines = stack.logLines.filter((line) => line.rid === requestId);
    // the gateway's line and the patient subgraph's line
    expect(lines.filter((line) => line.subgraph === undefined)).toHaveLength(1);
    expect(lines.filter((line) => line.subgraph === 'patient')).toHaveLength(1);
    const everything = JSON.stringify(stack.logLines);
    expect(everything).not.toContain(name);
    expect(everything).not.toContain(clinic.users.CLINICIAN);
    expect(everything).not.toContain('1990-01-01');
  });

  it('refuses an oversized page with BAD_USER_INPUT and no stack trace', async () => {
    const { body } = await graphql(stack.gateway.url, '{ patients(first: 1000) { id } }', {}, devToken(clinic.users.CLINICIAN));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:/);
  });

});
