import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { childrenByKeyLoader, entityByIdLoader } from '../kit/loaders';
import { ChargeLineSchema, ChargeSchema, CreditNoteLineSchema, CreditNoteSchema, InvoiceLineSchema, InvoiceSchema } from './entities';

export function createLoaders(em: EntityManager) {
  return {
    invoiceById: entityByIdLoader(em, InvoiceSchema),
    invoicesByPatientId: childrenByKeyLoader(em, InvoiceSchema, 'patientId', { issuedAt: 'desc' }),
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
