import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { entityByIdLoader } from '../kit/loaders';
import { AuditEventSchema } from './entities';

export function createLoaders(em: EntityManager) {
  return {
    auditEventById: entityByIdLoader(em, AuditEventSchema),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
