import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLFieldResolver } from 'graphql';
import { notFound } from './errors';
import type { SubgraphDefinition } from './subgraphServer';

/**
 * Leaks the probe's own test can plant, by name. Each makes one root resolver read
 * past every tenant layer: with the ORM filter off, on a fork outside the request's
 * transaction (so on a pooled connection without the tenant setting or the
 * application role), as a forgotten filter plus a query beside the transaction would.
 */
const PLANTABLE = {
  'patient.byId': { subgraph: 'patient', field: 'patient', entity: 'Patient' },
} as const;

/** The planted leak's name: only with NODE_ENV=test, from `CMC_TEST_PLANTED_LEAK`. */
export function plantedLeakName(env: NodeJS.ProcessEnv = process.env): keyof typeof PLANTABLE | null {
  const name = env.NODE_ENV === 'test' ? env.CMC_TEST_PLANTED_LEAK : undefined;
  if (!name) return null;
  if (!(name in PLANTABLE)) throw new Error(`CMC_TEST_PLANTED_LEAK: unknown leak ${name} (known: ${Object.keys(PLANTABLE).join(', ')})`);
  return name as keyof typeof PLANTABLE;
}

/** The subgraph's resolvers, with the planted leak in place when it is this subgraph's. */
export function withPlantedLeak(definition: SubgraphDefinition<any, any>): SubgraphDefinition<any, any>['resolvers'] {
  const name = plantedLeakName();
  const leak = name ? PLANTABLE[name] : null;
  if (!leak || leak.subgraph !== definition.name) return definition.resolvers;
  const leaky: GraphQLFieldResolver<unknown, { em: EntityManager }, { id: string }> = async (_parent, { id }, { em }) => {
    const row = await em.fork().findOne(leak.entity, { id }, { filters: false });
    if (!row) throw notFound(leak.entity, id);
    return row;
  };
  const query = definition.resolvers.Query as Record<string, unknown> | undefined;
  return { ...definition.resolvers, Query: { ...query, [leak.field]: leaky } };
}
