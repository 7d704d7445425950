import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from '../kit/orm';
import { openCharge } from './charges';
import { payCharge } from './invoices';

const SERVICES = [
  { sacCode: '999312', description: 'Cardiology consultation', unitPricePaise: 80_000, gstRate: 0 },
  { sacCode: '999316', description: 'HbA1c and lipid profile', unitPricePaise: 120_000, gstRate: 0 },
  { sacCode: '999316', description: 'Electrocardiogram (12-lead)', unitPricePaise: 45_000, gstRate: 0 },
  { sacCode: '999312', description: 'Diabetes education session', unitPricePaise: 35_000, gstRate: 0 },
];

/**
 * One or two paid charges per patient, each with its tax invoice, produced the way
 * the graph produces them (openCharge, then payCharge), so demo invoices carry every
 * rule 46 field and take consecutive numbers of the current financial year.
 */
export async function seedInvoices(em: EntityManager, tenantId: string, patientIds: string[]): Promise<void> {
  em.setFilterParams(TENANT_FILTER, { tenantId });
  const rows = await em.execute<{ id: string; name: string; state_code: string }[]>(
    'select p.id, p.name, t.state_code from patient.patient p join identity.tenant t on t.id = p.tenant_id where p.tenant_id = ?',
    [tenantId],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  await em.transactional(async (tx) => {
    for (const [i, patientId] of patientIds.entries()) {
      const patient = byId.get(patientId)!;
      for (let k = 0; k <= i % 2; k++) {
        const service = SERVICES[(i + k) % SERVICES.length]!;
        const charge = await openCharge(tx, tenantId, {
          patientId,
          recipient: { name: patient.name, address: `${10 + i} Demo Lane, near the clinic`, stateCode: patient.state_code },
          lines: [{ ...service, quantity: 1 }],
        });
        await payCharge(tx, tenantId, { chargeId: charge.id, amountPaise: charge.totalPaise, method: k === 0 ? 'UPI' : 'CARD' });
        // Flushed rows are done with: a unit of work that kept them all would make every
        // later flush compare more entities, and a 500-patient seed take minutes.
        tx.clear();
      }
    }
  });
}
