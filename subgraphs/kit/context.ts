import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { CallerAssertion } from './callerAssertion';

/**
 * What a resolver of any subgraph sees: the verified caller, the request's
 * tenant-scoped entity manager, its own DataLoaders and a logger bound to the
 * request id. Built fresh for every request; nothing request-scoped is global.
 */
export interface RequestContext<Loaders = unknown, Services = unknown> {
  caller: CallerAssertion;
  /** Long-lived collaborators of the subgraph (identity: sessions, limiters, clock). */
  services: Services;
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
  /** Patients whose clinical data this request read (for the access event). */
  accessedPatientIds: Set<string>;
  /** Headers for the subgraph's HTTP response (identity hands a new session to the gateway this way). */
  responseHeaders: Map<string, string>;
  /**
   * Who the audit event of this request names when the caller cannot: a sign-in
   * is made by an anonymous caller on behalf of the account it signs in to.
   */
  auditSubject?: AuditSubject;
}

export interface AuditSubject {
  userId?: string | null;
  tenantId?: string | null;
  role?: string | null;
  targetType?: string;
  targetId?: string | null;
}
