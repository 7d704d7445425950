import { Migration } from '@mikro-orm/migrations';

/** Tenants (clinics) and the people who sign in to them. */
export class Migration20261204000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table identity.tenant (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        state_code char(2) not null check (state_code ~ '^[0-9]{2}$'),
        status text not null check (status in ('PENDING_VERIFICATION', 'ACTIVE', 'REJECTED', 'SUSPENDED')),
        created_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table identity."user" (
        id uuid primary key,
        tenant_id uuid references identity.tenant (id),
        email text not null check (length(email) between 3 and 254),
        name text not null check (length(name) between 1 and 200),
        role text not null check (role in ('PATIENT', 'CLINICIAN', 'TENANT_ADMIN', 'PLATFORM_ADMIN', 'INSURER')),
        patient_id uuid,
        created_at timestamptz not null default now(),
        unique (tenant_id, id),
        -- platform admins stand outside every tenant; everybody else inside exactly one
        check ((role = 'PLATFORM_ADMIN') = (tenant_id is null)),
        check ((role = 'PATIENT') = (patient_id is not null))
      )`);
    this.addSql(`create unique index user_email_per_tenant on identity."user" (tenant_id, lower(email)) where tenant_id is not null`);
    this.addSql(`create unique index user_email_platform on identity."user" (lower(email)) where tenant_id is null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table identity."user"');
    this.addSql('drop table identity.tenant');
  }
}
