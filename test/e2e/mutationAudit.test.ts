import { buildSchema } from 'graphql';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { subgraphDefinitions } from '../../subgraphs';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** One call per Mutation field of the supergraph, each with its own request id. */
const scenarios: Record<string, (stack: TestStack, clinic: Clinic, requestId: string) => Promise<unknown>> = {
  createPatient: (stack, clinic, requestId) =>
    graphql(stack.gateway.url, 'mutation { createPatient(input: { name: "Audited Person" }) { id } }', {}, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId }),
  createCharge: (stack, clinic, requestId) => openCharge(stack, clinic, requestId),
  recordPayment: async (stack, clinic, requestId) => {
    const charge = await openCharge(stack, clinic, `${requestId}-charge`);
    return graphql(stack.gateway.url, 'mutation($id: ID!, $amount: Int!) { recordPayment(chargeId: $id, amountPaise: $amount, method: CASH) { id } }', { id: charge.id, amount: charge.totalPaise }, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId });
  },
  issueCreditNote: async (stack, clinic, requestId) => {
    const charge = await openCharge(stack, clinic, `${requestId}-charge`);
    const paid = await graphql(stack.gateway.url, 'mutation($id: ID!, $amount: Int!) { recordPayment(chargeId: $id, amountPaise: $amount, method: CASH) { id lines { id } } }', { id: charge.id, amount: charge.totalPaise }, devToken(clinic.users.CLINICIAN));
    const invoice = paid.body.data.recordPayment;
    return graphql(stack.gateway.url, 'mutation($id: ID!, $line: ID!) { issueCreditNote(invoiceId: $id, lines: [{ invoiceLineId: $line, taxablePaise: 100 }], reason: "Audited correction") { id } }', { id: invoice.id, line: invoice.lines[0].id }, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId });
  },
  activateBilling: (stack, clinic, requestId) =>
    graphql(stack.gateway.url, 'mutation { activateBilling(plan: STARTER) { id } }', {}, { ...devToken(clinic.users.TENANT_ADMIN), 'x-request-id': requestId }),
};

/** A charge of one taxed line for the clinic's first patient. */
async function openCharge(stack: TestStack, clinic: Clinic, requestId: string): Promise<{ id: string; totalPaise: number }> {
  const input = { patientId: clinic.patientIds[0], recipient: { name: 'Audited Person', address: '1 Audit Road, Pune', stateCode: '27' }, lines: [{ sacCode: '999312', description: 'Cosmetic peel', quantity: 1, unitPricePaise: 10_000, gstRate: 18, cosmetic: true }] };
  const { body } = await graphql(stack.gateway.url, 'mutation($input: CreateChargeInput!) { createCharge(input: $input) { id totalPaise } }', { input }, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId });
  return body.data.createCharge;
}

const supergraphMutations = (): string[] => {
  const mutation = buildSchema(loadSupergraphSdl(), { assumeValidSDL: true }).getMutationType();
  return mutation ? Object.keys(mutation.getFields()) : [];
};

/** Every mutation in the schema is covered by a test that finds its event. */
describe('every mutation of the supergraph is audited', () => {
  let stack: TestStack;
  let clinic: Clinic;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 1);
  });
  afterAll(() => stack.close());

  it('has an audit scenario and an audit action for every Mutation field', () => {
    const fields = supergraphMutations();
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.filter((field) => !scenarios[field])).toEqual([]);
    const configured = new Set(subgraphDefinitions.flatMap((d) => Object.keys(d.audit.mutations)));
    expect(fields.filter((field) => !configured.has(field))).toEqual([]);
  });

  it.each(supergraphMutations())('%s leaves its event', async (field) => {
    const requestId = `mutation-audit-${field}`;
    await scenarios[field]!(stack, clinic, requestId);
    const definition = subgraphDefinitions.find((d) => d.audit.mutations[field])!;
    const events = await sql(stack, 'select action, outcome from audit.audit_event where request_id = ?', [requestId]);
    expect(events).toContainEqual({ action: definition.audit.mutations[field]!.action, outcome: 'SUCCESS' });
  });
});
