import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallerAssertion } from './callerAssertion';
import { uuidv7 } from './ids';

export type AuditOutcome = 'SUCCESS' | 'DENIED' | 'FAILURE';

/** Retention classes (COMPLIANCE.md); the periods live in `audit.retention_class`. */
export type AuditClass = 'consent' | 'security' | 'login' | 'billing' | 'access';

export interface AuditEntry {
  /** A stable dotted name, such as `patient.create`. */
  action: string;
  class: AuditClass;
  outcome: AuditOutcome;
  targetType?: string | null;
  targetId?: string | null;
  /** For access events: every patient id the request read. */
  targetIds?: string[] | null;
  /** The error code of a denied or failed attempt. */
  errorCode?: string | null;
}

/**
 * Records one event of the caller's tenant through `audit.append_event`, which
 * stages it; a deferred trigger chains it while the transaction commits (advisory
 * lock, sequence number, hash chain, retain-until from the class). Through the
 * request's entity manager it joins the open transaction, so the event commits or
 * rolls back with the change it records. Ids only: no names,
 * phone numbers or other free text about a person.
 */
export async function recordAuditEvent(em: EntityManager, caller: CallerAssertion, entry: AuditEntry): Promise<void> {
  await em.execute(
    'select audit.append_event(?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?::inet, ?, ?)',
    [
      uuidv7(),
      caller.tenantId,
      caller.userId,
      caller.roles[0] ?? null,
      caller.clientId,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      entry.targetIds ? `{${entry.targetIds.join(',')}}` : null,
      entry.outcome,
      entry.errorCode ?? null,
      caller.requestId,
      caller.clientIp,
      caller.userAgent,
      entry.class,
    ],
  );
}
