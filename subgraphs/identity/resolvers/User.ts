import type { UserResolvers } from '../__generated__/resolvers';

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.id),
  tenant: (user, _args, { loaders }) => (user.tenantId ? loaders.tenantById.load(user.tenantId) : null),
};
