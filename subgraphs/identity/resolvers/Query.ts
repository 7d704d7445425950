import { keysetPage } from '../../kit/pagination';
import { TENANT_FILTER } from '../../kit/orm';
import type { QueryResolvers } from '../__generated__/resolvers';
import { TenantSchema, UserSchema } from '../entities';

export const Query: QueryResolvers = {
  async me(_parent, _args, { caller, em }) {
    if (!caller.userId) return null;
    // The caller's own row: a platform admin's has no tenant, so look it up by id alone.
    return em.findOne(UserSchema, { id: caller.userId }, { filters: { [TENANT_FILTER]: false } });
  },

  async users(_parent, { first, after }, { em }) {
    const { limit, afterId } = keysetPage(first, after);
    return em.find(UserSchema, afterId ? { id: { $gt: afterId } } : {}, { orderBy: { id: 'asc' }, limit });
  },

  async tenants(_parent, { status }, { em }) {
    return em.find(TenantSchema, status ? { status } : {}, { orderBy: { createdAt: 'asc' } });
  },
};
