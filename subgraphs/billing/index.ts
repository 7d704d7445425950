import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphDefinition } from '../kit/subgraphServer';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { permissions } from './permissions';
import { resolvers } from './resolvers';

/** GST billing: charges, payments, tax invoices, credit notes and the clinic's subscription. */
export const billingSubgraph: SubgraphDefinition<Loaders> = {
  name: 'billing',
  resolvers: resolvers as GraphQLResolverMap<any>,
  permissions,
  audit: {
    mutations: {
      createCharge: { action: 'charge.create', class: 'billing' },
      recordPayment: { action: 'payment.record', class: 'billing' },
      issueCreditNote: { action: 'creditNote.issue', class: 'billing' },
      activateBilling: { action: 'billing.activate', class: 'billing' },
    },
    readAction: 'invoice.read',
  },
  createLoaders,
  entities,
  migrations,
};
