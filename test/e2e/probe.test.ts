import { DEMO_PASSWORD } from '../../subgraphs/identity/demo';
import { demoEmails, formatReport, runProbe, type ProbeReport } from '../probe/probe';
import { seedTestClinic, startTestStack, type TestStack } from '../support/stack';

/** Isolation layer 5: the live probe finds nothing on the real graph, and finds a leak planted in it. */
describe('cross-tenant probe', () => {
  // The probe sends a few hundred operations per session; the limits are not what it tests.
  const limits = { OPERATION_LIMIT_PER_SESSION: '100000', OPERATION_LIMIT_PER_TENANT: '100000', LOGIN_LIMIT_PER_IP: '1000' };

  async function probe(stack: TestStack): Promise<ProbeReport> {
    const [a, b] = [await seedTestClinic(stack, 2), await seedTestClinic(stack, 2)];
    return runProbe({
      gateway: stack.gateway.url,
      subgraphs: Object.values(stack.subgraphs).map((s) => ({ name: s.name, url: s.url })),
      attacker: { slug: a.slug, emails: demoEmails(a.slug) },
      victim: { slug: b.slug, emails: demoEmails(b.slug) },
      password: DEMO_PASSWORD,
      signingKey: stack.config.internalSigningKey,
    });
  }

  it('reports no leak across every root field, entity and subgraph of the supergraph', async () => {
    const stack = await startTestStack(limits);
    try {
      const report = await probe(stack);
      console.log(formatReport(report));
      expect(report.rows.filter((r) => r.verdict === 'LEAK')).toEqual([]);
      expect(report.passed).toBeGreaterThan(100);
    } finally {
      await stack.close();
    }
  }, 240_000);

  it('reports exactly the leak planted in patient(id), and nothing else', async () => {
    // Read when the subgraph schemas are built, so only this stack has the leak.
    process.env.CMC_TEST_PLANTED_LEAK = 'patient.byId';
    const stack = await startTestStack(limits).finally(() => delete process.env.CMC_TEST_PLANTED_LEAK);
    try {
      const report = await probe(stack);
      const leaks = report.rows.filter((r) => r.verdict === 'LEAK');
      console.log(formatReport({ ...report, rows: leaks }));
      expect(leaks.length).toBeGreaterThan(0);
      expect(new Set(leaks.map((r) => r.operation.split(' ')[0]))).toEqual(new Set(['Query.patient']));
      expect(leaks.map((r) => r.operation)).toContain('Query.patient as CLINICIAN');
      // A clinic role sees the record; a patient meets the field rules, which tell an existing id from an unknown one.
      for (const leak of leaks) expect(leak.got).toMatch(/^LEAK: (Patient |name |FORBIDDEN for B.s id)/);
    } finally {
      await stack.close();
    }
  }, 240_000);
});
