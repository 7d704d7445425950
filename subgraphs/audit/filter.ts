import type { FilterQuery } from '@mikro-orm/postgresql';
import { badUserInput } from '../kit/errors';
import { isUuid } from '../kit/ids';
import type { AuditEventFilter } from './__generated__/resolvers';
import type { AuditEvent } from './entities';

/** The action names `audit.audit_event` accepts (its check constraint), at most 100 characters. */
const ACTION = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/;

function uuidArgument(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!isUuid(value)) throw badUserInput(`${field} must be an id`, `filter.${field}`);
  return value;
}

/** Events about one object: its target, or one of the patients an access event lists. */
export const aboutTarget = (targetId: string): FilterQuery<AuditEvent> => ({
  $or: [{ targetId }, { targetIds: { $contains: [targetId] } }],
});

/**
 * The conditions of an `AuditEventFilter`, all combined with AND, plus the keyset
 * cursor (ids are UUIDv7, so `id < after` means older than the last row seen).
 * Rejects malformed ids, an unknown-shaped action and `from` after `to` with
 * BAD_USER_INPUT before any query runs. Tenant scoping is not done here: it is the
 * entity manager's tenant filter.
 */
export function auditEventWhere(filter: AuditEventFilter | null | undefined, afterId: string | null): FilterQuery<AuditEvent> {
  const conditions: FilterQuery<AuditEvent>[] = [];
  if (afterId) conditions.push({ id: { $lt: afterId } });
  if (filter?.action != null) {
    if (filter.action.length > 100 || !ACTION.test(filter.action)) throw badUserInput('action must be a dotted name such as patient.create', 'filter.action');
    conditions.push({ action: filter.action });
  }
  const actorId = uuidArgument(filter?.actorId, 'actorId');
  if (actorId) conditions.push({ actorId });
  const targetId = uuidArgument(filter?.targetId, 'targetId');
  if (targetId) conditions.push(aboutTarget(targetId));
  const tenantId = uuidArgument(filter?.tenantId, 'tenantId');
  if (tenantId) conditions.push({ tenantId });
  const { from, to } = filter ?? {};
  if (from && to && from.getTime() > to.getTime()) throw badUserInput('from must not be after to', 'filter.from');
  if (from) conditions.push({ occurredAt: { $gte: from } });
  if (to) conditions.push({ occurredAt: { $lte: to } });
  if (filter?.outcome) conditions.push({ outcome: filter.outcome });
  return conditions.length === 0 ? {} : { $and: conditions };
}
