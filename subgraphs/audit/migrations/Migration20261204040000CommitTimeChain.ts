import { Migration } from '@mikro-orm/migrations';

const APPEND_ARGS = 'uuid, uuid, uuid, text, text, text, text, uuid, uuid[], text, text, text, inet, text, text';

/**
 * Chains events at commit instead of at the statement that records them.
 *
 * A tenant's chain is a sequence, so its writers queue on one advisory lock, held
 * until their transaction ends. Taken by `audit.append_event` mid-transaction, the
 * lock was also held across the round trip back to the application, whatever the
 * application did before committing, and the COMMIT round trip: every one of a
 * clinic's mutations waited for all of that. Now `audit.append_event` only stages
 * the event, and a deferred constraint trigger chains it (lock, number, hash,
 * insert, the former `append_event`, now `audit.chain_event`) while the
 * transaction commits, so the lock is held for the chaining and the WAL flush
 * alone. Atomicity is unchanged: the event is written in the same transaction as
 * the change, and if chaining fails the COMMIT fails and nothing is kept.
 */
export class Migration20261204040000CommitTimeChain extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter function audit.append_event(${APPEND_ARGS}) rename to chain_event`);
    this.addSql(`revoke all on function audit.chain_event(${APPEND_ARGS}) from public`);
    // Rows live only inside their own transaction (staged, then chained and removed), so nothing needs the WAL.
    this.addSql(`
      create unlogged table audit.pending_event (
        id uuid primary key, tenant_id uuid, actor_id uuid, actor_role text, client_id text, action text not null,
        target_type text, target_id uuid, target_ids uuid[], outcome text not null, error_code text,
        request_id text not null, client_ip inet, user_agent text, class text not null
      )`);
    this.addSql(`
      create function audit.append_event(
        p_id uuid, p_tenant_id uuid, p_actor_id uuid, p_actor_role text, p_client_id text,
        p_action text, p_target_type text, p_target_id uuid, p_target_ids uuid[],
        p_outcome text, p_error_code text, p_request_id text, p_client_ip inet, p_user_agent text, p_class text
      ) returns void
      language sql security definer set search_path = audit, pg_temp as $$
        insert into audit.pending_event values (p_id, p_tenant_id, p_actor_id, p_actor_role, p_client_id, p_action,
          p_target_type, p_target_id, p_target_ids, p_outcome, p_error_code, p_request_id, p_client_ip, p_user_agent, p_class)
      $$`);
    this.addSql(`
      create function audit.chain_pending_event() returns trigger
      language plpgsql security definer set search_path = audit, pg_temp as $$
      begin
        perform audit.chain_event(new.id, new.tenant_id, new.actor_id, new.actor_role, new.client_id, new.action,
          new.target_type, new.target_id, new.target_ids, new.outcome, new.error_code, new.request_id,
          new.client_ip, new.user_agent, new.class);
        delete from audit.pending_event where id = new.id;
        return null;
      end $$`);
    // Deferred triggers fire at commit in the order the rows were staged: a request's events keep their order.
    this.addSql(`create constraint trigger pending_event_chain after insert on audit.pending_event
      deferrable initially deferred for each row execute function audit.chain_pending_event()`);
    this.addSql('alter table audit.pending_event owner to cmc_owner');
    this.addSql(`alter function audit.append_event(${APPEND_ARGS}) owner to cmc_owner`);
    this.addSql('alter function audit.chain_pending_event() owner to cmc_owner');
  }
}
