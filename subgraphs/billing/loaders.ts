import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { childrenByKeyLoader, entityByIdLoader } from '../kit/loaders';
import { InvoiceSchema } from './entities';

export function createLoaders(em: EntityManager) {
  return {
    invoiceById: entityByIdLoader(em, InvoiceSchema),
    invoicesByPatientId: childrenByKeyLoader(em, InvoiceSchema, 'patientId', { issuedAt: 'desc' }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
