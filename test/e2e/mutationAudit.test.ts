import { buildSchema } from 'graphql';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { subgraphDefinitions } from '../../subgraphs';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** One call per Mutation field of the supergraph, each with its own request id. */
const scenarios: Record<string, (stack: TestStack, clinic: Clinic, requestId: string) => Promise<unknown>> = {
  createPatient: (stack, clinic, requestId) =>
    graphql(stack.gateway.url, 'mutation { createPatient(input: { name: "Audited Person" }) { id } }', {}, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId }),
  updatePatient: (stack, clinic, requestId) =>
    graphql(stack.gateway.url, 'mutation($id: ID!) { updatePatient(id: $id, input: { address: "2 Audit Lane" }) { id } }', { id: clinic.patientIds[0] }, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId }),
  recordObservation: (stack, clinic, requestId) =>
    graphql(
      stack.gateway.url,
      'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }',
      { input: { patientId: clinic.patientIds[0], kind: 'BLOOD_PRESSURE', value: '128', diastolic: '82', unit: 'mmHg', takenAt: new Date(Date.now() - 60_000).toISOString() } },
      { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId },
    ),
};

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
