import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { CallerAssertion } from './callerAssertion';

/**
 * What a resolver of any subgraph sees: the verified caller, the request's
 * tenant-scoped entity manager, its own DataLoaders and a logger bound to the
 * request id. Built fresh for every request; nothing request-scoped is global.
 */
export interface RequestContext<Loaders = unknown> {
  caller: CallerAssertion;
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
  /** Patients whose clinical data this request read (for the access event). */
  accessedPatientIds: Set<string>;
}
