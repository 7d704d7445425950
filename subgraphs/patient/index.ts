import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphDefinition } from '../kit/subgraphServer';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { permissions } from './permissions';
import { resolvers } from './resolvers';

/** Patient records: demographics now; observations and corrections later. */
export const patientSubgraph: SubgraphDefinition<Loaders> = {
  name: 'patient',
  resolvers: resolvers as GraphQLResolverMap<any>,
  permissions,
  audit: {
    mutations: { createPatient: { action: 'patient.create', class: 'security' } },
    readAction: 'patient.read',
  },
  createLoaders,
  entities,
  migrations,
};
