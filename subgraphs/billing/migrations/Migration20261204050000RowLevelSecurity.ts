import { Migration } from '@mikro-orm/migrations';

/** Every table of this schema that holds one clinic's rows. */
const CLINICAL_TABLES = ['charge', 'charge_line', 'credit_note', 'credit_note_line', 'document_counter', 'invoice', 'invoice_line', 'payment', 'subscription'];

/**
 * Isolation layer 3: row-level security on every clinical table of the billing
 * schema. A row is visible and writable only when its tenant_id is the
 * transaction's `app.tenant_id` (set with set_config(..., true) by
 * subgraphs/kit/tenantScope.ts); with the setting missing or empty the policy
 * compares with null, so a query sees no rows instead of failing. FORCE makes the
 * owner obey it too; only a superuser or a BYPASSRLS role passes, and the
 * application role `cmc_app` is neither.
 */
export class Migration20261204050000RowLevelSecurity extends Migration {
  override async up(): Promise<void> {
    this.addSql('grant usage on schema billing to cmc_app');
    this.addSql('grant select, insert, update, delete on all tables in schema billing to cmc_app');
    this.addSql('grant usage, select on all sequences in schema billing to cmc_app');
    for (const table of CLINICAL_TABLES) {
      this.addSql(`alter table billing."${table}" enable row level security`);
      this.addSql(`alter table billing."${table}" force row level security`);
      this.addSql(`create policy tenant_isolation on billing."${table}" for all
        using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
        with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`);
    }
  }

  override async down(): Promise<void> {
    for (const table of CLINICAL_TABLES) {
      this.addSql(`drop policy tenant_isolation on billing."${table}"`);
      this.addSql(`alter table billing."${table}" no force row level security`);
      this.addSql(`alter table billing."${table}" disable row level security`);
    }
    this.addSql('revoke all on all tables in schema billing from cmc_app');
    this.addSql('revoke usage on schema billing from cmc_app');
  }
}
