import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { afterPreviousLoad, childrenByKeyLoader, entityByIdLoader, readOnlyRows } from '../kit/loaders';
import { TENANT_FILTER } from '../kit/orm';
import { ChargeLineSchema, ChargeSchema, CreditNoteLineSchema, CreditNoteSchema, InvoiceLineSchema, InvoiceSchema, type Invoice } from './entities';

/**
 * The newest invoice of each of many patients in one `distinct on (patient_id)`
 * statement, so a page of patients does not load every invoice they ever had.
 * Raw SQL is not seen by the tenant filter: the statement names the request's tenant itself.
 */
function lastInvoiceLoader(em: EntityManager) {
  return new DataLoader<string, Invoice | null>(async (patientIds) => {
    const { tenantId } = em.getFilterParams(TENANT_FILTER) as { tenantId: string };
    const rows = await afterPreviousLoad(em, () =>
      em.execute(
        `select distinct on (patient_id) * from billing.invoice
         where tenant_id = ? and patient_id in (?)
         order by patient_id, issued_at desc, id desc`,
        [tenantId, [...patientIds]],
      ),
    );
    // Only read (a page of patients): plain rows, outside the unit of work.
    const byPatient = new Map<string, Invoice>();
    for (const invoice of readOnlyRows(em, InvoiceSchema, rows)) byPatient.set(invoice.patientId!, invoice);
    return patientIds.map((id) => byPatient.get(id) ?? null);
  });
}

export function createLoaders(em: EntityManager) {
  return {
    invoiceById: entityByIdLoader(em, InvoiceSchema),
    invoicesByPatientId: childrenByKeyLoader(em, InvoiceSchema, 'patientId', { issuedAt: 'desc' }),
    lastInvoiceByPatientId: lastInvoiceLoader(em),
    invoicesByChargeId: childrenByKeyLoader(em, InvoiceSchema, 'chargeId', { issuedAt: 'asc' }),
    invoicesBySubscriptionId: childrenByKeyLoader(em, InvoiceSchema, 'subscriptionId', { issuedAt: 'asc' }),
    invoiceLineById: entityByIdLoader(em, InvoiceLineSchema),
    invoiceLinesByInvoiceId: childrenByKeyLoader(em, InvoiceLineSchema, 'invoiceId', { position: 'asc' }),
    chargeById: entityByIdLoader(em, ChargeSchema),
    chargesByPatientId: childrenByKeyLoader(em, ChargeSchema, 'patientId', { createdAt: 'desc' }),
    chargeLinesByChargeId: childrenByKeyLoader(em, ChargeLineSchema, 'chargeId', { position: 'asc' }),
    creditNoteById: entityByIdLoader(em, CreditNoteSchema),
    creditNotesByInvoiceId: childrenByKeyLoader(em, CreditNoteSchema, 'invoiceId', { issuedAt: 'asc' }),
    creditNoteLinesByCreditNoteId: childrenByKeyLoader(em, CreditNoteLineSchema, 'creditNoteId', { id: 'asc' }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
