import { EntitySchema } from '@mikro-orm/postgresql';
import type { AuditOutcome } from '../../kit/audit';
import { tenantFilter } from '../../kit/orm';

/** One recorded action. Written by `recordAuditEvent` (kit) in the transaction of the change. */
export interface AuditEvent {
  id: string;
  /** Null for platform-level events (no tenant). */
  tenantId: string | null;
  actorId: string | null;
  actorRole: string | null;
  clientId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  requestId: string;
  occurredAt: Date;
}

export const AuditEventSchema = new EntitySchema<AuditEvent>({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid', nullable: true },
    actorId: { type: 'uuid', nullable: true },
    actorRole: { type: 'text', nullable: true },
    clientId: { type: 'text', nullable: true },
    action: { type: 'text' },
    targetType: { type: 'text', nullable: true },
    targetId: { type: 'uuid', nullable: true },
    outcome: { type: 'text' },
    requestId: { type: 'text' },
    occurredAt: { type: 'Date' },
  },
  filters: tenantFilter,
});
