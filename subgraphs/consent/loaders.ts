import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { childrenByKeyLoader, entityByIdLoader, readOnlyChildrenByKeyLoader } from '../kit/loaders';
import { ConsentSchema, ConsentStatusChangeSchema } from './entities';

export function createLoaders(em: EntityManager) {
  return {
    consentById: entityByIdLoader(em, ConsentSchema),
    // All of a patient's consents; a status filter is applied after effectiveConsentStatus, since EXPIRED is not stored.
    // Only read (a page of patients, myConsents): plain rows, outside the unit of work.
    consentsByPatientId: readOnlyChildrenByKeyLoader(em, ConsentSchema, 'patientId', { createdAt: 'desc', id: 'desc' }),
    historyByConsentId: childrenByKeyLoader(em, ConsentStatusChangeSchema, 'consentId', { at: 'asc', id: 'asc' }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
