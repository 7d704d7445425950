import { Migration } from '@mikro-orm/migrations';

/** The audit log. Append-only enforcement, hash chain and retention follow in later migrations. */
export class Migration20261204000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table audit.audit_event (
        id uuid primary key,
        tenant_id uuid references identity.tenant (id),
        actor_id uuid,
        actor_role text,
        client_id text,
        action text not null check (action ~ '^[a-z][a-zA-Z]*(\\.[a-z][a-zA-Z]*)+$'),
        target_type text,
        target_id uuid,
        outcome text not null check (outcome in ('SUCCESS', 'DENIED', 'FAILURE')),
        request_id text not null,
        occurred_at timestamptz not null default now()
      )`);
    this.addSql('create index audit_event_by_tenant on audit.audit_event (tenant_id, id desc)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table audit.audit_event');
  }
}
