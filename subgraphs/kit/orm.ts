import type { EntityMetadata } from '@mikro-orm/core';
import { MikroORM, type EntityManager, type EntitySchema } from '@mikro-orm/postgresql';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { NO_TENANT } from './ids';
import { TenantScopeSubscriber } from './tenantScope';

export const TENANT_FILTER = 'tenant';

/**
 * Isolation layer 2: every tenant-scoped entity declares this filter. It is on by
 * default, so a query on a fork without tenant parameters fails instead of reading
 * every tenant; `scopedEntityManager` sets the parameters from the caller.
 */
export const tenantFilter: EntityMetadata['filters'] = {
  [TENANT_FILTER]: {
    name: TENANT_FILTER,
    cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }),
    default: true,
  },
};

export interface OrmOptions {
  clientUrl: string;
  /** The PostgreSQL schema of the subgraph; its migrations table lives there too. */
  schema: string;
  entities: EntitySchema<any, any>[];
  migrations: { name: string; class: new (...args: any[]) => Migration }[];
  /** Upper bound of the connection pool (default 10). */
  poolMax?: number;
}

/** Opens the subgraph's own MikroORM instance (one pool per subgraph and process). */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init({
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    // Every transaction of a request's fork runs as cmc_app with the caller's tenant (RLS).
    subscribers: [new TenantScopeSubscriber()],
    migrations: {
      migrationsList: options.migrations,
      tableName: 'mikro_orm_migrations',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    discovery: { warnWhenNoEntities: true },
  });
}

/** Applies the subgraph's committed migrations; returns the names applied now. */
export async function migrateSchema(orm: MikroORM, schema: string): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}

/** A request's entity manager: a fresh fork whose tenant filter is the caller's tenant. */
export function scopedEntityManager(orm: MikroORM, tenantId: string | null): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams(TENANT_FILTER, { tenantId: tenantId ?? NO_TENANT });
  return em;
}
