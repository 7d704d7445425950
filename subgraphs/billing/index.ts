import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphDefinition } from '../kit/subgraphServer';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { permissions } from './permissions';
import { resolvers } from './resolvers';

/** Patients' billings to purposes and grantees (ABDM-shaped later). */
export const billingSubgraph: SubgraphDefinition<Loaders> = {
  name: 'billing',
  resolvers: resolvers as GraphQLResolverMap<any>,
  permissions,
  audit: { mutations: {}, readAction: 'invoice.read' },
  createLoaders,
  entities,
  migrations,
};
