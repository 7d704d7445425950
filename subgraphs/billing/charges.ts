import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { validChargeLines, validRecipient } from './chargeRules';
import { ChargeLineSchema, ChargeSchema, type Charge } from './entities';
import { taxInvoiceLines, type LineInput } from './gstTax';

export interface ChargeInput {
  patientId: string;
  recipient: { name: string; address: string; stateCode: string; gstin?: string | null };
  lines: (Omit<LineInput, 'cosmetic'> & { cosmetic?: boolean | null })[];
}

/**
 * Opens a charge for a patient of the tenant: everything is validated before
 * anything is written; another tenant's patient is NOT_FOUND.
 */
export async function openCharge(em: EntityManager, tenantId: string, input: ChargeInput): Promise<Charge> {
  const recipient = validRecipient(input.recipient);
  const lines = validChargeLines(input.lines);
  if (!isUuid(input.patientId) || !(await patientOfTenant(em, tenantId, input.patientId))) throw notFound('Patient', input.patientId);
  // The total does not depend on the States (see splitTax); the split is made at issue.
  const { totals } = taxInvoiceLines(lines, { supplierStateCode: recipient.stateCode, placeOfSupplyStateCode: recipient.stateCode, byClinicalEstablishment: true });
  const charge = em.create(ChargeSchema, {
    tenantId,
    patientId: input.patientId,
    recipientName: recipient.name,
    recipientAddress: recipient.address,
    recipientStateCode: recipient.stateCode,
    recipientGstin: recipient.gstin,
    taxablePaise: totals.taxablePaise,
    taxPaise: totals.totalPaise - totals.taxablePaise,
    totalPaise: totals.totalPaise,
    status: 'OPEN',
  });
  await em.flush();
  lines.forEach((line, i) => em.create(ChargeLineSchema, { tenantId, chargeId: charge.id, position: i + 1, ...line }));
  await em.flush();
  return charge;
}

/** Whether the patient is the tenant's (the composite foreign key would refuse it anyway, as a 500). */
async function patientOfTenant(em: EntityManager, tenantId: string, patientId: string): Promise<boolean> {
  const rows = await em.execute('select 1 from patient.patient where tenant_id = ? and id = ?', [tenantId, patientId]);
  return rows.length === 1;
}
