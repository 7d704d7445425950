import { Migration } from '@mikro-orm/migrations';

/**
 * Makes the audit log append-only, hash-chained per tenant and retained by class.
 *
 * - `audit.append_event` is the only writer: it takes a per-chain advisory lock,
 *   so concurrent writers never fork a chain, numbers the event, and stores
 *   hash = sha256(previous hash || canonical form).
 * - Triggers refuse UPDATE, DELETE and TRUNCATE for everybody, owner included;
 *   only `audit.purge_expired` deletes, only rows past retain-until, leaving a
 *   tombstone (chain, seq, hash) so verification can bridge the gap.
 * - The tables belong to `cmc_owner`; `cmc_app` may only SELECT and INSERT.
 */
export class Migration20261204010000AppendOnlyChain extends Migration {
  override async up(): Promise<void> {
    // Roles are cluster-wide; concurrent migrations of two databases may race to create them.
    for (const role of ['cmc_owner', 'cmc_app']) {
      this.addSql(`do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${role}') then create role ${role} nologin; end if;
      exception when duplicate_object or unique_violation then null; end $$`);
    }
    this.addSql(`
      create table audit.retention_class (
        class text primary key,
        period interval not null
      )`);
    // COMPLIANCE.md, audit retention classes.
    this.addSql(`insert into audit.retention_class (class, period) values
      ('consent', interval '10 years'), ('security', interval '7 years'), ('login', interval '2 years'),
      ('billing', interval '8 years'), ('access', interval '7 years')`);
    this.addSql(`alter table audit.audit_event
      add column chain uuid not null default '00000000-0000-0000-0000-000000000000',
      add column seq bigint not null default 0,
      add column class text not null default 'security' references audit.retention_class (class),
      add column retain_until date not null default (current_date + interval '7 years'),
      add column error_code text,
      add column target_ids uuid[],
      add column client_ip inet,
      add column user_agent text,
      add column prev_hash bytea,
      add column hash bytea`);
    this.addSql(`alter table audit.audit_event alter column chain drop default, alter column seq drop default,
      alter column class drop default, alter column retain_until drop default`);
    // The canonical form: a JSON array of every recorded field in a fixed order,
    // with instants as integer microseconds so the session time zone cannot change it.
    this.addSql(`
      create function audit.canonical_hash(prev bytea, e audit.audit_event) returns bytea
      language sql immutable as $$
        select sha256(coalesce(prev, ''::bytea) || convert_to(jsonb_build_array(
          e.id, e.chain, e.seq, e.tenant_id, e.actor_id, e.actor_role, e.client_id, e.action,
          e.target_type, e.target_id, e.target_ids, e.outcome, e.error_code, e.request_id,
          host(e.client_ip), e.user_agent, (extract(epoch from e.occurred_at) * 1000000)::bigint,
          e.class, to_char(e.retain_until, 'YYYY-MM-DD'))::text, 'UTF8'))
      $$`);

    // Events written before this migration join their tenant's chain in id (time) order.
    this.addSql(`do $$
      declare r record; v_prev bytea; v_chain uuid;
      begin
        for r in select id, coalesce(tenant_id, '00000000-0000-0000-0000-000000000000') as chain,
                        row_number() over (partition by tenant_id order by id) as seq
                   from audit.audit_event order by 2, 3 loop
          if v_chain is distinct from r.chain then v_prev := null; v_chain := r.chain; end if;
          update audit.audit_event set chain = r.chain, seq = r.seq, prev_hash = v_prev where id = r.id;
          update audit.audit_event e set hash = audit.canonical_hash(v_prev, e) where id = r.id returning hash into v_prev;
        end loop;
      end $$`);
    this.addSql('alter table audit.audit_event alter column hash set not null');
    this.addSql('create unique index audit_event_chain_seq on audit.audit_event (chain, seq)');
    this.addSql('create index audit_event_retention on audit.audit_event (retain_until)');
    this.addSql(`
      create table audit.purged_event (
        chain uuid not null,
        seq bigint not null,
        hash bytea not null,
        class text not null,
        purged_at timestamptz not null default now(),
        primary key (chain, seq)
      )`);

    this.addSql(`
      create function audit.append_event(
        p_id uuid, p_tenant_id uuid, p_actor_id uuid, p_actor_role text, p_client_id text,
        p_action text, p_target_type text, p_target_id uuid, p_target_ids uuid[],
        p_outcome text, p_error_code text, p_request_id text, p_client_ip inet, p_user_agent text, p_class text
      ) returns void
      language plpgsql security definer set search_path = audit, pg_temp as $$
      declare
        v_chain uuid := coalesce(p_tenant_id, '00000000-0000-0000-0000-000000000000');
        v_prev_seq bigint;
        v_prev_hash bytea;
        v_event audit.audit_event;
      begin
        perform pg_advisory_xact_lock(hashtextextended('audit.chain:' || v_chain::text, 0));
        select seq, hash into v_prev_seq, v_prev_hash from audit.audit_event where chain = v_chain order by seq desc limit 1;
        if v_prev_seq is null then
          select seq, hash into v_prev_seq, v_prev_hash from audit.purged_event where chain = v_chain order by seq desc limit 1;
        end if;
        v_event := row(
          p_id, p_tenant_id, p_actor_id, p_actor_role, p_client_id, p_action, p_target_type, p_target_id,
          p_outcome, p_request_id, now(), v_chain, coalesce(v_prev_seq, 0) + 1, p_class,
          (now() + (select period from audit.retention_class where class = p_class))::date,
          p_error_code, p_target_ids, p_client_ip, p_user_agent, v_prev_hash, null);
        if v_event.retain_until is null then raise exception 'unknown audit class %', p_class; end if;
        v_event.hash := audit.canonical_hash(v_prev_hash, v_event);
        insert into audit.audit_event select v_event.*;
      end $$`);

    this.addSql(`
      create function audit.refuse_change() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          if current_setting('audit.purging', true) = 'on' and old.retain_until < current_date then
            return old;
          end if;
        end if;
        raise exception 'audit log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`create trigger audit_event_append_only before update or delete on audit.audit_event
      for each row execute function audit.refuse_change()`);
    this.addSql(`
      create function audit.refuse_statement() returns trigger language plpgsql as $$
      begin
        raise exception 'audit log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on audit.audit_event
      for each statement execute function audit.refuse_statement()`);
    this.addSql(`create trigger purged_event_append_only before update or delete or truncate on audit.purged_event
      for each statement execute function audit.refuse_statement()`);

    this.addSql(`
      create function audit.purge_expired(p_request_id text) returns table (class text, purged bigint)
      language plpgsql security definer set search_path = audit, pg_temp as $$
      begin
        perform set_config('audit.purging', 'on', true);
        return query
          with gone as (
            delete from audit.audit_event e where e.retain_until < current_date returning e.chain, e.seq, e.hash, e.class
          ), tombstones as (
            insert into audit.purged_event (chain, seq, hash, class) select g.chain, g.seq, g.hash, g.class from gone g returning purged_event.class
          )
          select c.class, count(t.class) from audit.retention_class c left join tombstones t on t.class = c.class
           group by c.class order by c.class;
        perform set_config('audit.purging', 'off', true);
        perform audit.append_event(gen_random_uuid(), null, null, 'SYSTEM', null, 'audit.retentionPurge', null, null, null,
          'SUCCESS', null, p_request_id, null, null, 'security');
      end $$`);

    for (const object of ['table audit.audit_event', 'table audit.purged_event', 'table audit.retention_class']) {
      this.addSql(`alter ${object} owner to cmc_owner`);
    }
    for (const fn of [
      'audit.canonical_hash(bytea, audit.audit_event)',
      'audit.append_event(uuid, uuid, uuid, text, text, text, text, uuid, uuid[], text, text, text, inet, text, text)',
      'audit.purge_expired(text)',
      'audit.refuse_change()',
      'audit.refuse_statement()',
    ]) {
      this.addSql(`alter function ${fn} owner to cmc_owner`);
    }
    this.addSql('alter schema audit owner to cmc_owner');
    // The events reference identity.tenant; the owner needs to see it for the foreign key checks.
    this.addSql('grant usage on schema identity to cmc_owner');
    this.addSql('grant select, references on identity.tenant to cmc_owner');
    this.addSql('grant usage on schema audit to cmc_app');
    this.addSql('grant select, insert on audit.audit_event to cmc_app');
    this.addSql('grant select on audit.retention_class, audit.purged_event to cmc_app');
    this.addSql('revoke all on function audit.purge_expired(text) from public');
  }
}
