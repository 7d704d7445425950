import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallerAssertion } from './callerAssertion';
import { uuidv7 } from './ids';

export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILURE';

export interface AuditEntry {
  /** A stable dotted name, such as `patient.create`. */
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
}

/**
 * Writes one audit event through the caller's entity manager, so that inside
 * `em.transactional` it commits or rolls back with the change it records.
 * Events carry ids only, never names or contact details.
 */
export async function recordAuditEvent(em: EntityManager, caller: CallerAssertion, entry: AuditEntry): Promise<void> {
  await em.execute(
    `insert into audit.audit_event
       (id, tenant_id, actor_id, actor_role, client_id, action, target_type, target_id, outcome, request_id, occurred_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
    [
      uuidv7(),
      caller.tenantId,
      caller.userId,
      caller.roles[0] ?? null,
      caller.clientId,
      entry.action,
      entry.targetType,
      entry.targetId,
      entry.outcome,
      caller.requestId,
    ],
  );
}
