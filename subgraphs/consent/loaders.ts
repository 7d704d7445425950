import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { childrenByKeyLoader, entityByIdLoader } from '../kit/loaders';
import { ConsentSchema } from './entities';

export function createLoaders(em: EntityManager) {
  return {
    consentById: entityByIdLoader(em, ConsentSchema),
    consentsByPatientId: childrenByKeyLoader(em, ConsentSchema, 'patientId', { createdAt: 'desc' }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
