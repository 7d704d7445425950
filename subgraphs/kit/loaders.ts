import DataLoader from 'dataloader';
import type { EntityManager, EntityName } from '@mikro-orm/postgresql';

/**
 * A per-request loader of entities by id: one `WHERE id IN (...)` per tick, filtered
 * by the request's tenant. Unknown (or other-tenant) ids load as null.
 */
export function entityByIdLoader<T extends object & { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as never);
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
    const rows = await em.find(entity, { [key]: { $in: [...keys] } } as never, { orderBy } as never);
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) groups.get(row[key] as string)?.push(row);
    return keys.map((k) => groups.get(k) ?? []);
  });
}
