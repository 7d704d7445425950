import { EntitySchema } from '@mikro-orm/postgresql';
import type { AuditClass, AuditOutcome } from '../../kit/audit';
import { tenantFilter } from '../../kit/orm';

/**
 * One recorded action. Written only by `recordAuditEvent` (kit, through
 * `audit.append_event`) in the transaction of the change; this entity only reads.
 */
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
  /** For access events: every patient id the request read. */
  targetIds: string[] | null;
  outcome: AuditOutcome;
  errorCode: string | null;
  requestId: string;
  clientIp: string | null;
  occurredAt: Date;
  class: AuditClass;
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
    targetIds: { type: 'string[]', columnType: 'uuid[]', nullable: true },
    outcome: { type: 'text' },
    errorCode: { type: 'text', nullable: true },
    requestId: { type: 'text' },
    clientIp: { type: 'text', columnType: 'inet', nullable: true },
    occurredAt: { type: 'Date' },
    class: { type: 'text' },
  },
  filters: tenantFilter,
});
