import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from './orm';

/** The role every request's transaction runs as (created by the identity migrations). */
export const APPLICATION_ROLE = 'cmc_app';

/** The role of the cross-clinic audit view (created by the audit migrations). */
export const PLATFORM_ROLE = 'cmc_platform';

/**
 * Isolation layer 3, the application's half: as soon as a request's entity manager
 * begins a transaction, the transaction takes the caller's tenant as
 * `app.tenant_id` and the role `cmc_app`, both with LOCAL scope, so they end with
 * the transaction and never reach the next user of the pooled connection. The
 * tenant is the one the fork's ORM filter already uses; entity managers without
 * tenant parameters (migrations, seeding, CLIs) are left as they connected.
 */
export class TenantScopeSubscriber implements EventSubscriber {
  async afterTransactionStart({ em, transaction }: TransactionEventArgs): Promise<void> {
    const params = em.getFilterParams<{ tenantId?: string }>(TENANT_FILTER);
    if (!params?.tenantId) return;
    const connection = (em as EntityManager).getConnection();
    await connection.execute(`select set_config('app.tenant_id', ?, true), set_config('role', ?, true)`, [params.tenantId, APPLICATION_ROLE], 'run', transaction);
  }
}

/**
 * Takes the platform role for the rest of the request's transaction: the one way to
 * read the audit log across clinics (the policy `platform_view` admits this role
 * only while it is the current one). Callers check the caller is a PLATFORM_ADMIN
 * first; the role ends with the transaction, like the tenant setting.
 */
export async function enterPlatformView(em: EntityManager): Promise<void> {
  if (!em.isInTransaction()) throw new Error('the platform view is taken inside a request transaction only');
  await em.execute(`select set_config('role', ?, true)`, [PLATFORM_ROLE]);
}
