import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphDefinition } from '../kit/subgraphServer';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { permissions } from './permissions';
import { resolvers } from './resolvers';
import { createIdentityServices, type IdentityServices } from './services';

/** Tenants (clinics), their signup and verification, users, sign-in and sessions. */
export const identitySubgraph: SubgraphDefinition<Loaders, IdentityServices> = {
  name: 'identity',
  resolvers: resolvers as GraphQLResolverMap<any>,
  permissions,
  audit: {
    mutations: {
      signUpClinic: { action: 'tenant.signup', class: 'security' },
      verifyTenant: { action: 'tenant.verify', class: 'security' },
      login: { action: 'session.login', class: 'login' },
      logout: { action: 'session.logout', class: 'login' },
      changePassword: { action: 'password.change', class: 'security' },
      terminateSession: { action: 'session.terminate', class: 'login' },
      createUser: { action: 'user.create', class: 'security' },
      changeUserRole: { action: 'user.role.change', class: 'security' },
    },
  },
  createLoaders,
  createServices: createIdentityServices,
  entities,
  migrations,
};
