import { buildSchema } from 'graphql';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { subgraphDefinitions } from '../../subgraphs';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, demoClinic } from '../../subgraphs/identity/demo';
import { signIn, withCookie } from '../support/sessions';
import { devToken, graphql, seedPlatformAdmin, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** A REQUESTED consent of the clinic's first patient (whose PATIENT user decides it), made under its own request id. */
async function requestedConsent(stack: TestStack, clinic: Clinic, requestId: string | null = null): Promise<string> {
  const day = 86_400_000;
  const input = {
    patientId: clinic.patientIds[0],
    purpose: 'CAREMGT',
    grantee: { kind: 'CLINIC' },
    hiTypes: ['OPConsultation'],
    permission: {
      accessMode: 'VIEW',
      dateRange: { from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + day).toISOString() },
      dataEraseAt: new Date(Date.now() + day).toISOString(),
      frequency: { unit: 'DAY', value: 1, repeats: 1 },
    },
  };
  const headers = { ...devToken(clinic.users.CLINICIAN), ...(requestId ? { 'x-request-id': requestId } : {}) };
  const { body } = await graphql(stack.gateway.url, 'mutation($input: RequestConsentInput!) { requestConsent(input: $input) { id } }', { input }, headers);
  return body.data.requestConsent.id;
}

const patientDecides = (field: string) => async (stack: TestStack, clinic: Clinic, requestId: string) => {
  const id = await requestedConsent(stack, clinic);
  if (field === 'withdrawConsent') await graphql(stack.gateway.url, 'mutation($id: ID!) { grantConsent(id: $id) { id } }', { id }, devToken(clinic.users.PATIENT));
  return graphql(stack.gateway.url, `mutation($id: ID!) { ${field}(id: $id) { id } }`, { id }, { ...devToken(clinic.users.PATIENT), 'x-request-id': requestId });
};

/** One call per Mutation field of the supergraph, each with its own request id. */
const rid = (requestId: string) => ({ 'x-request-id': requestId });

/** A new clinic's registration with a unique slug, GSTIN and HFR ID. */
function signUpInput() {
  const slug = `signup-${randomUUID().slice(0, 8)}`;
  const { name, address, stateCode, gstin, hfrFacilityId } = demoClinic(slug, `Signup ${slug}`, '29');
  return { slug, name, address, stateCode, gstin, hfrFacilityId, admin: { name: 'Founding Admin', email: `admin@${slug}.example`, password: 'orchid-tram-velvet-1987' } };
}

const SIGN_UP = 'mutation($input: SignUpClinicInput!) { signUpClinic(input: $input) { id status } }';

const scenarios: Record<string, (stack: TestStack, clinic: Clinic, requestId: string) => Promise<unknown>> = {
  signUpClinic: (stack, _clinic, requestId) => graphql(stack.gateway.url, SIGN_UP, { input: signUpInput() }, rid(requestId)),
  async verifyTenant(stack, _clinic, requestId) {
    const pending = await graphql(stack.gateway.url, SIGN_UP, { input: signUpInput() });
    const admin = await signIn(stack.gateway.url, null, await seedPlatformAdmin(stack));
    return graphql(stack.gateway.url, 'mutation($id: ID!) { verifyTenant(id: $id, decision: APPROVE, reason: "GSTIN and HFR checked") { status } }', { id: pending.body.data.signUpClinic.id }, { ...withCookie(admin.cookie), ...rid(requestId) });
  },
  login: (stack, clinic, requestId) => signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN, DEMO_PASSWORD, rid(requestId)),
  async logout(stack, clinic, requestId) {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    return graphql(stack.gateway.url, 'mutation { logout }', {}, { ...withCookie(cookie), ...rid(requestId) });
  },
  async changePassword(stack, clinic, requestId) {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.PATIENT);
    return graphql(stack.gateway.url, 'mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "juniper-kettle-harbour-77") }', { c: DEMO_PASSWORD }, { ...withCookie(cookie), ...rid(requestId) });
  },
  async terminateSession(stack, clinic, requestId) {
    const { cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN);
    const sessions = await graphql(stack.gateway.url, '{ mySessions { id } }', {}, withCookie(cookie));
    return graphql(stack.gateway.url, 'mutation($id: ID!) { terminateSession(id: $id) }', { id: sessions.body.data.mySessions[0].id }, { ...withCookie(cookie), ...rid(requestId) });
  },
  createUser: (stack, clinic, requestId) =>
    graphql(
      stack.gateway.url,
      'mutation($email: String!) { createUser(input: { email: $email, name: "New Clinician", role: CLINICIAN, password: "orchid-tram-velvet-1987" }) { id } }',
      { email: `new-${randomUUID().slice(0, 8)}@example.com` },
      { ...devToken(clinic.users.TENANT_ADMIN), ...rid(requestId) },
    ),
  changeUserRole: async (stack, clinic, requestId) => {
    const [user] = await sql(stack, `select id from identity."user" where email = ?`, [clinic.users.CLINICIAN]);
    return graphql(stack.gateway.url, 'mutation($id: ID!) { changeUserRole(userId: $id, role: TENANT_ADMIN) { role } }', { id: user.id }, { ...devToken(clinic.users.TENANT_ADMIN), ...rid(requestId) });
  },
  createPatient: (stack, clinic, requestId) =>
    graphql(stack.gateway.url, 'mutation { createPatient(input: { name: "Audited Person" }) { id } }', {}, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId }),
  requestConsent: (stack, clinic, requestId) => requestedConsent(stack, clinic, requestId),
  grantConsent: patientDecides('grantConsent'),
  denyConsent: patientDecides('denyConsent'),
  withdrawConsent: patientDecides('withdrawConsent'),
  updatePatient: (stack, clinic, requestId) =>
    graphql(stack.gateway.url, 'mutation($id: ID!) { updatePatient(id: $id, input: { address: "2 Audit Lane" }) { id } }', { id: clinic.patientIds[0] }, { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId }),
  recordObservation: (stack, clinic, requestId) =>
    graphql(
      stack.gateway.url,
      'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id } }',
      { input: { patientId: clinic.patientIds[0], kind: 'BLOOD_PRESSURE', value: '128', diastolic: '82', unit: 'mmHg', takenAt: new Date(Date.now() - 60_000).toISOString() } },
      { ...devToken(clinic.users.CLINICIAN), 'x-request-id': requestId },
    ),
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
