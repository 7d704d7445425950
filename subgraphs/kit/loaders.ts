import DataLoader from 'dataloader';
import type { EntityManager, EntityName } from '@mikro-orm/postgresql';

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
  return new DataLoader(async (keys) => {
    const rows = await afterPreviousLoad(em, () => em.find(entity, { [key]: { $in: [...keys] } } as never, { orderBy } as never));
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(row[key] as string)?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}
