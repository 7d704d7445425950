import { forbidden } from '../../kit/errors';
import { TENANT_FILTER } from '../../kit/orm';
import { enterPlatformView } from '../../kit/tenantScope';
import { keysetPage } from '../../kit/pagination';
import type { QueryResolvers } from '../__generated__/resolvers';
import { AuditEventSchema } from '../entities';
import { aboutTarget, auditEventWhere } from '../filter';

export const Query: QueryResolvers = {
  async auditEvents(_parent, { filter, first, after }, { caller, em }) {
    const { limit, afterId } = keysetPage(first, after);
    const where = auditEventWhere(filter, afterId);
    // A platform admin audits every clinic: the transaction takes the platform role by
    // name and the tenant filter is switched off by name, for that role only; a
    // clinic's admin stays inside their tenant (filter and row-level security).
    const allTenants = caller.roles.includes('PLATFORM_ADMIN');
    if (allTenants) await enterPlatformView(em);
    return em.find(AuditEventSchema, where, {
      orderBy: { id: 'desc' },
      limit,
      ...(allTenants ? { filters: { [TENANT_FILTER]: false } } : {}),
    });
  },

  async myAccessLog(_parent, { first, after }, { caller, em }) {
    const { limit, afterId } = keysetPage(first, after);
    if (!caller.patientId) throw forbidden();
    // Within the caller's tenant (tenant filter on), about their own record only.
    const where = afterId ? { $and: [{ id: { $lt: afterId } }, aboutTarget(caller.patientId)] } : aboutTarget(caller.patientId);
    const events = await em.find(AuditEventSchema, where, { orderBy: { id: 'desc' }, limit });
    // Only time, role, action and outcome: never who the actor is or whom else the event lists.
    return events.map(({ id, occurredAt, actorRole, action, outcome }) => ({ id, occurredAt, actorRole, action, outcome }));
  },
};
