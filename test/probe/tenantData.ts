import { randomUUID } from 'node:crypto';
import { must, type Session } from './client';

/** What the probe made in one clinic through the API. */
export interface TenantData {
  /** The created objects' ids by type. */
  created: [type: string, id: string][];
  /** A text only this clinic's data contains (the new patient's name). */
  marker: string;
  /** The valid inputs used, by input type name: the attacks reuse them with the other clinic's ids. */
  samples: Record<string, Record<string, unknown>>;
}

const DAY = 86_400_000;

/** A patient, an observation, a consent request, a charge, and a paid charge with its invoice and a credit note, made as the clinic's clinician. */
export async function setUpTenant(gateway: string, clinician: Session, tag: string): Promise<TenantData> {
  const marker = `Probe ${tag} ${randomUUID().slice(0, 8)}`;
  const patientInput = { name: marker, sex: 'UNDISCLOSED' };
  const { createPatient } = await must(gateway, clinician, 'mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }', { i: patientInput });
  const patientId = createPatient.id as string;
  const observationInput = { patientId, kind: 'WEIGHT', value: '70', unit: 'kg', takenAt: new Date(Date.now() - 60_000).toISOString() };
  const { recordObservation } = await must(gateway, clinician, 'mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }', { i: observationInput });
  const now = Date.now();
  const consentInput = {
    patientId,
    purpose: 'CAREMGT',
    grantee: { kind: 'CLINIC' },
    hiTypes: ['OPConsultation'],
    permission: {
      accessMode: 'VIEW',
      dateRange: { from: new Date(now - 60_000).toISOString(), to: new Date(now + 30 * DAY).toISOString() },
      dataEraseAt: new Date(now + 30 * DAY).toISOString(),
      frequency: { unit: 'DAY', value: 1, repeats: 3 },
    },
  };
  const { requestConsent } = await must(gateway, clinician, 'mutation($i: RequestConsentInput!) { requestConsent(input: $i) { id } }', { i: consentInput });
  const chargeInput = {
    patientId,
    recipient: { name: 'Probe Recipient', address: '1 Probe Road, Pune', stateCode: '27' },
    lines: [{ sacCode: '999312', description: 'Probe consultation', quantity: 1, unitPricePaise: 50_000, gstRate: 0 }],
  };
  const { createCharge } = await must(gateway, clinician, 'mutation($i: CreateChargeInput!) { createCharge(input: $i) { id totalPaise } }', { i: chargeInput });
  // A second charge, paid, so there is an invoice and a credit note of this clinic to aim at too.
  const { createCharge: paid } = await must(gateway, clinician, 'mutation($i: CreateChargeInput!) { createCharge(input: $i) { id totalPaise } }', { i: chargeInput });
  const { recordPayment } = await must(gateway, clinician, 'mutation($c: ID!, $a: Int!) { recordPayment(chargeId: $c, amountPaise: $a, method: CASH) { id lines { id } } }', {
    c: paid.id,
    a: paid.totalPaise,
  });
  const creditLines = [{ invoiceLineId: recordPayment.lines[0].id, taxablePaise: 100 }];
  const { issueCreditNote } = await must(gateway, clinician, 'mutation($i: ID!, $l: [CreditNoteLineInput!]!) { issueCreditNote(invoiceId: $i, lines: $l, reason: "Probe correction") { id } }', {
    i: recordPayment.id,
    l: creditLines,
  });
  return {
    created: [
      ['Patient', patientId], ['Observation', recordObservation.id], ['Consent', requestConsent.id], ['Charge', createCharge.id],
      ['Invoice', recordPayment.id], ['InvoiceLine', recordPayment.lines[0].id], ['CreditNote', issueCreditNote.id],
    ],
    marker,
    samples: { CreditNoteLineInput: creditLines[0]!, CreatePatientInput: patientInput, RecordObservationInput: observationInput, RequestConsentInput: consentInput, CreateChargeInput: chargeInput },
  };
}
