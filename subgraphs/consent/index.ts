import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphDefinition } from '../kit/subgraphServer';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { permissions } from './permissions';
import { resolvers } from './resolvers';

/** Patients' consents to purposes and grantees (ABDM-shaped later). */
export const consentSubgraph: SubgraphDefinition<Loaders> = {
  name: 'consent',
  resolvers: resolvers as GraphQLResolverMap<any>,
  permissions,
  audit: { mutations: {}, readAction: 'consent.read' },
  createLoaders,
  entities,
  migrations,
};
