import { Migration } from '@mikro-orm/migrations';

/** The one role that reads the audit log across clinics (a PLATFORM_ADMIN's request). */
const PLATFORM_ROLE = 'cmc_platform';

/**
 * Isolation layer 3 on the audit log. The events name a clinic's patients, staff
 * and client addresses, so they get the clinical tables' policy: the application
 * role reads its own tenant's events only (`app.tenant_id`), and writes none
 * directly (no INSERT policy: events arrive through `audit.append_event`).
 *
 * The cross-clinic view is a role of its own, never the policy turned off:
 * `cmc_platform` may read every event, but only while a transaction has taken it
 * by name (`current_user`), which `enterPlatformView` (subgraphs/kit/tenantScope.ts)
 * does for a PLATFORM_ADMIN's `auditEvents`. The services' login is a member of it
 * (to take it), and the condition keeps that membership from reading anything.
 * The owner, `cmc_owner`, chains and purges events through its security definer
 * functions, and FORCE holds it to its own explicit policy.
 */
export class Migration20261204060000RowLevelSecurity extends Migration {
  override async up(): Promise<void> {
    // Roles are cluster-wide; concurrent migrations of two databases may race to create them.
    this.addSql(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${PLATFORM_ROLE}') then create role ${PLATFORM_ROLE} nologin; end if;
    exception when duplicate_object or unique_violation then null; end $$`);
    this.addSql(`grant usage on schema audit to ${PLATFORM_ROLE}`);
    this.addSql(`grant select on audit.audit_event, audit.retention_class, audit.purged_event to ${PLATFORM_ROLE}`);
    this.addSql('revoke insert on audit.audit_event from cmc_app');
    this.addSql('alter table audit.audit_event enable row level security');
    this.addSql('alter table audit.audit_event force row level security');
    this.addSql(`create policy tenant_isolation on audit.audit_event for select to cmc_app
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`);
    this.addSql(`create policy platform_view on audit.audit_event for select to ${PLATFORM_ROLE}
      using (current_user = '${PLATFORM_ROLE}')`);
    this.addSql(`create policy chain_writer on audit.audit_event for all to cmc_owner using (true) with check (true)`);
  }

  override async down(): Promise<void> {
    for (const policy of ['tenant_isolation', 'platform_view', 'chain_writer']) this.addSql(`drop policy ${policy} on audit.audit_event`);
    this.addSql('alter table audit.audit_event no force row level security');
    this.addSql('alter table audit.audit_event disable row level security');
    this.addSql('grant insert on audit.audit_event to cmc_app');
    this.addSql(`revoke all on audit.audit_event, audit.retention_class, audit.purged_event from ${PLATFORM_ROLE}`);
    this.addSql(`revoke usage on schema audit from ${PLATFORM_ROLE}`);
  }
}
