import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphDefinition } from '../kit/subgraphServer';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { permissions } from './permissions';
import { resolvers } from './resolvers';

/** Tenants (clinics), users and, later, sign-in and sessions. */
export const identitySubgraph: SubgraphDefinition<Loaders> = {
  name: 'identity',
  resolvers: resolvers as GraphQLResolverMap<any>,
  permissions,
  audit: { mutations: {} },
  createLoaders,
  entities,
  migrations,
};
