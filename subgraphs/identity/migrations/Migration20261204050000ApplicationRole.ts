import { Migration } from '@mikro-orm/migrations';

/**
 * The application role `cmc_app` (isolation layer 3): every request's transaction
 * runs as it (`set local role cmc_app`, see subgraphs/kit/tenantScope.ts). It owns
 * nothing and has no BYPASSRLS, so row-level security holds for it. The identity
 * tables get no policy: sign-in finds a user before any tenant is known, and the
 * tenant registry is read across clinics by the gateway and by billing.
 */
export class Migration20261204050000ApplicationRole extends Migration {
  override async up(): Promise<void> {
    // Roles are cluster-wide; concurrent migrations of two databases may race to create them.
    for (const role of ['cmc_owner', 'cmc_app']) {
      this.addSql(`do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${role}') then create role ${role} nologin; end if;
      exception when duplicate_object or unique_violation then null; end $$`);
    }
    this.addSql('grant usage on schema identity to cmc_app');
    this.addSql('grant select, insert, update, delete on all tables in schema identity to cmc_app');
    this.addSql('grant usage, select on all sequences in schema identity to cmc_app');
  }

  override async down(): Promise<void> {
    this.addSql('revoke all on all tables in schema identity from cmc_app');
    this.addSql('revoke usage on schema identity from cmc_app');
  }
}
