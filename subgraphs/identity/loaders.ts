import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { entityByIdLoader } from '../kit/loaders';
import { TenantSchema, UserSchema } from './entities';
import type { IdentityServices } from './services';

export function createLoaders(em: EntityManager) {
  return {
    tenantById: entityByIdLoader(em, TenantSchema),
    userById: entityByIdLoader(em, UserSchema),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders, IdentityServices>;
