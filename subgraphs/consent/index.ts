import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphDefinition } from '../kit/subgraphServer';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { permissions } from './permissions';
import { resolvers } from './resolvers';

/** Patients' ABDM-shaped consent artefacts: requested by a clinic, decided by the patient. */
export const consentSubgraph: SubgraphDefinition<Loaders> = {
  name: 'consent',
  resolvers: resolvers as GraphQLResolverMap<any>,
  permissions,
  audit: {
    mutations: {
      requestConsent: { action: 'consent.request', class: 'consent' },
      grantConsent: { action: 'consent.grant', class: 'consent' },
      denyConsent: { action: 'consent.deny', class: 'consent' },
      withdrawConsent: { action: 'consent.withdraw', class: 'consent' },
    },
    readAction: 'consent.read',
  },
  createLoaders,
  entities,
  migrations,
};
