import { randomUUID } from 'node:crypto';
import { devToken, graphql, sql, type TestStack } from '../support/stack';

/** Shared by the consent e2e tests: the operations and a valid request input. */
export const CONSENT_FIELDS = /* GraphQL */ `
  id status grantedAt revokedAt createdAt
  patient { id }
  purpose { code text }
  requester { tenantId userId }
  grantee { kind id name }
  hiTypes
  permission { accessMode dateRange { from to } dataEraseAt frequency { unit value repeats } }
  history { status at actorUserId actorRole reason }
`;

export const REQUEST_CONSENT = `mutation($input: RequestConsentInput!) { requestConsent(input: $input) { ${CONSENT_FIELDS} } }`;
export const decisionMutation = (field: 'grantConsent' | 'denyConsent' | 'withdrawConsent') =>
  `mutation($id: ID!, $reason: String) { ${field}(id: $id, reason: $reason) { ${CONSENT_FIELDS} } }`;

const DAY = 86_400_000;

/** A valid request: the clinic itself, care management, for 30 days from a minute ago. */
export function consentInput(patientId: string, overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    patientId,
    purpose: 'CAREMGT',
    grantee: { kind: 'CLINIC' },
    hiTypes: ['OPConsultation', 'Prescription'],
    permission: {
      accessMode: 'VIEW',
      dateRange: { from: new Date(now - 60_000).toISOString(), to: new Date(now + 30 * DAY).toISOString() },
      dataEraseAt: new Date(now + 30 * DAY).toISOString(),
      frequency: { unit: 'DAY', value: 1, repeats: 3 },
    },
    ...overrides,
  };
}

/** Requests a consent as `email` and returns the consent (fails the test on errors). */
export async function requestConsent(stack: TestStack, email: string, input: Record<string, unknown>) {
  const { body } = await graphql(stack.gateway.url, REQUEST_CONSENT, { input }, devToken(email));
  if (body.errors) throw new Error(`requestConsent failed: ${JSON.stringify(body.errors)}`);
  return body.data.requestConsent;
}

export function decide(stack: TestStack, email: string, field: 'grantConsent' | 'denyConsent' | 'withdrawConsent', id: string, reason?: string, headers: Record<string, string> = {}) {
  return graphql(stack.gateway.url, decisionMutation(field), { id, reason }, { ...devToken(email), ...headers });
}

/** A PATIENT user for one more patient of the clinic (the seed makes one for the first patient only). */
export async function addPatientUser(stack: TestStack, tenantId: string, patientId: string): Promise<string> {
  const email = `patient-${randomUUID().slice(0, 8)}@consent.example`;
  await sql(stack, `insert into identity."user" (id, tenant_id, email, name, role, patient_id) values (?, ?, ?, 'Second Patient', 'PATIENT', ?)`, [randomUUID(), tenantId, email, patientId]);
  return email;
}

export const userIdOf = async (stack: TestStack, email: string): Promise<string> =>
  (await sql<{ id: string }>(stack, 'select id from identity."user" where email = ?', [email]))[0]!.id;
