import { Migration } from '@mikro-orm/migrations';

/** Patients, each inside exactly one tenant. */
export class Migration20261204000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table patient.patient (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        name text not null check (length(name) between 1 and 200),
        date_of_birth date,
        sex text not null check (sex in ('FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED')),
        created_at timestamptz not null default now(),
        -- children reference (tenant_id, id), so no row can point into another tenant
        unique (tenant_id, id)
      )`);
    // A PATIENT user is the data principal of a patient record of the same tenant.
    this.addSql(`
      alter table identity."user"
        add constraint user_patient_same_tenant
        foreign key (tenant_id, patient_id) references patient.patient (tenant_id, id)`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table identity."user" drop constraint user_patient_same_tenant');
    this.addSql('drop table patient.patient');
  }
}
