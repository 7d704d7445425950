import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { createOrm, migrateSchema } from './orm';
import type { SubgraphName } from './subgraphs';
import type { SubgraphDefinition } from './subgraphServer';

export type SubgraphOrms = Record<SubgraphName, MikroORM>;

/** Opens one MikroORM instance per subgraph on the same database. */
export async function openSubgraphOrms(definitions: SubgraphDefinition<any>[], clientUrl: string, poolMax?: number): Promise<SubgraphOrms> {
  const orms = await Promise.all(
    definitions.map((d) => createOrm({ clientUrl, schema: d.name, entities: d.entities, migrations: d.migrations, poolMax })),
  );
  return Object.fromEntries(definitions.map((d, i) => [d.name, orms[i]])) as SubgraphOrms;
}

/** Applies every subgraph's migrations in dependency order, reporting what ran. */
export async function migrateAll(definitions: SubgraphDefinition<any>[], orms: SubgraphOrms, log?: Logger): Promise<void> {
  for (const { name } of definitions) {
    const applied = await migrateSchema(orms[name], name);
    if (applied.length > 0) log?.info({ subgraph: name, applied }, 'migrations applied');
  }
}

export async function closeAll(orms: SubgraphOrms): Promise<void> {
  await Promise.all(Object.values(orms).map((orm) => orm.close(true)));
}
