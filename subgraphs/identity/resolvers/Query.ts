import { notFound } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
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

  mySessions: (_parent, _args, { caller, services }) => services.sessions.list(caller.userId!),

  async userSessions(_parent, { userId }, { em, services }) {
    // The tenant filter makes another clinic's user absent: an empty list, like a user without sessions.
    const user = isUuid(userId) ? await em.findOne(UserSchema, { id: userId }) : null;
    if (!user) throw notFound('User', userId);
    return services.sessions.list(user.id);
  },

  async tenants(_parent, { status }, { em }) {
    return em.find(TenantSchema, status ? { status } : {}, { orderBy: { createdAt: 'asc' } });
  },
};
