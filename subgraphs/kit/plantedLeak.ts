import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLFieldResolver } from 'graphql';
import { notFound } from './errors';
import type { SubgraphDefinition } from './subgraphServer';

/**
 * Leaks the probe's own test can plant, by name. Each makes one root resolver read
 * past every tenant layer below the probe: with the ORM filter off (layer 2), on the
 * owner's pool instead of the services' login (layer 3), as a forgotten filter plus
 * a connection that passes row-level security would.
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

/**
 * The subgraph's resolvers, with the planted leak in place when it is this
 * subgraph's; the leak reads through `ownerOrm`, which only a test stack passes.
 */
export function withPlantedLeak(definition: SubgraphDefinition<any, any>, ownerOrm?: MikroORM): SubgraphDefinition<any, any>['resolvers'] {
  const name = plantedLeakName();
  const leak = name ? PLANTABLE[name] : null;
  if (!leak || leak.subgraph !== definition.name) return definition.resolvers;
  if (!ownerOrm) throw new Error(`CMC_TEST_PLANTED_LEAK=${name} needs the owner's pool (a test stack started by startStack)`);
  const leaky: GraphQLFieldResolver<unknown, unknown, { id: string }> = async (_parent, { id }) => {
    const row = await ownerOrm.em.fork().findOne(leak.entity, { id }, { filters: false });
    if (!row) throw notFound(leak.entity, id);
    return row;
  };
  const query = definition.resolvers.Query as Record<string, unknown> | undefined;
  return { ...definition.resolvers, Query: { ...query, [leak.field]: leaky } };
}
