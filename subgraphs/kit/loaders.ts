import DataLoader from 'dataloader';
import { ReferenceKind, Utils, type EntityManager, type EntityName, type FilterQuery } from '@mikro-orm/postgresql';

/** The last statement queued on each request's entity manager. */
const queues = new WeakMap<EntityManager, Promise<unknown>>();

/**
 * Runs `load` after the entity manager's previous queued load: a request's loaders
 * share its one transaction, hence one connection, and batches of two loaders
 * dispatched in the same tick would otherwise send their statements while the
 * other is still running (which pg 8 queues with a deprecation warning, and pg 9
 * refuses). The connection runs one statement at a time either way.
 */
export function afterPreviousLoad<T>(em: EntityManager, load: () => Promise<T>): Promise<T> {
  const next = (queues.get(em) ?? Promise.resolve()).then(load, load);
  queues.set(em, next.catch(() => undefined));
  return next;
}

/**
 * A per-request loader of entities by id: one `WHERE id IN (...)` per tick, filtered
 * by the request's tenant. Unknown (or other-tenant) ids load as null.
 */
export function entityByIdLoader<T extends object & { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await afterPreviousLoad(em, () => em.find(entity, { id: { $in: [...ids] } } as never));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of the children of many parents at once, grouped by the
 * parent key (for example consents by patient id), in the given order.
 */
export function childrenByKeyLoader<T extends object, K extends keyof T & string>(
  em: EntityManager,
  entity: EntityName<T>,
  key: K,
  orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>>,
): DataLoader<string, T[]> {
  return groupedByKeyLoader(em, key, (keys) => em.find(entity, { [key]: { $in: keys } } as never, { orderBy } as never));
}

/** One statement per tick for many parents (`load`), its rows handed to each parent by `key`, in order. */
function groupedByKeyLoader<T extends object, K extends keyof T & string>(
  em: EntityManager,
  key: K,
  load: (keys: string[]) => Promise<T[]>,
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await afterPreviousLoad(em, () => load([...keys]));
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(row[key] as string)?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/**
 * Database rows (column names, as `em.execute` gives them) as plain objects of the
 * entity: the ORM's own column-to-property mapping and its custom types' conversion
 * (a `bigint` to a number, say), as hydration does, but never an entity of the unit of
 * work. For what a request only reads: a managed entity costs hydration, an identity
 * map entry and a comparison at commit, several times the rest of its work on a page.
 * Such an object must not be changed or flushed.
 */
export function readOnlyRows<T extends object>(em: EntityManager, entity: EntityName<T>, rows: Record<string, unknown>[]): T[] {
  const meta = em.getMetadata().get<T>(Utils.className(entity));
  const platform = em.getPlatform();
  const driver = em.getDriver();
  const converted = meta.props.filter((prop) => prop.customType && prop.kind === ReferenceKind.SCALAR);
  return rows.map((row) => {
    const data = driver.mapResult(row as never, meta) as Record<string, unknown>;
    for (const prop of converted) {
      if (data[prop.name] != null) data[prop.name] = prop.customType!.convertToJSValue(data[prop.name], platform);
    }
    return data as T;
  });
}

/**
 * `em.find` for rows a request only reads (a page of patients, say): the same
 * statement, tenant filter included, in the request's transaction, the rows as
 * `readOnlyRows`.
 */
export async function findReadOnly<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  options: { orderBy?: Partial<Record<keyof T & string, 'asc' | 'desc'>>; limit?: number } = {},
): Promise<T[]> {
  const qb = em.createQueryBuilder(entity).select('*').where(where as never);
  if (options.orderBy) qb.orderBy(options.orderBy as never);
  if (options.limit !== undefined) qb.limit(options.limit);
  // A query builder does not apply filters by itself: the request's tenant filter is applied here.
  await qb.applyFilters();
  return readOnlyRows(em, entity, await qb.execute('all', false));
}

/**
 * `childrenByKeyLoader` for children a request only reads (a page's consents, say):
 * the same statement, tenant filter included, the rows as `readOnlyRows`.
 */
export function readOnlyChildrenByKeyLoader<T extends object, K extends keyof T & string>(
  em: EntityManager,
  entity: EntityName<T>,
  key: K,
  orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>>,
): DataLoader<string, T[]> {
  return groupedByKeyLoader(em, key, (keys) => findReadOnly(em, entity, { [key]: { $in: keys } } as FilterQuery<T>, { orderBy }));
}
