import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { entityByIdLoader } from '../kit/loaders';
import { PatientSchema } from './entities';

export function createLoaders(em: EntityManager) {
  return {
    patientById: entityByIdLoader(em, PatientSchema),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
