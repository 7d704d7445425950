import type { EntityManager } from '@mikro-orm/postgresql';
import { InvoiceSchema } from './entities';

/** One or two issued invoices per patient, numbered consecutively in FY 2026-27. */
export async function seedInvoices(em: EntityManager, tenantId: string, patientIds: string[]): Promise<void> {
  let serial = 0;
  patientIds.forEach((patientId, i) => {
    for (let k = 0; k <= i % 2; k++) {
      serial += 1;
      em.create(InvoiceSchema, {
        tenantId,
        patientId,
        number: `CMC/26-27/${String(serial).padStart(5, '0')}`,
        totalPaise: 50_000 + ((i * 7919 + k * 104_729) % 250_000),
        status: 'ISSUED',
      });
    }
  });
  await em.flush();
}
