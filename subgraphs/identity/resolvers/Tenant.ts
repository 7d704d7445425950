import type { TenantResolvers } from '../__generated__/resolvers';

export const Tenant: TenantResolvers = {
  // A clinic is visible to its own members and to platform admins; to anyone else it does not exist.
  __resolveReference: (reference, { caller, loaders }) =>
    caller.tenantId === reference.id || caller.roles.includes('PLATFORM_ADMIN') ? loaders.tenantById.load(reference.id) : null,
};
