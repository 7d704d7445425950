import { Migration } from '@mikro-orm/migrations';

/** Consents; each references its patient within the same tenant. */
export class Migration20261204000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table consent.consent (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        patient_id uuid not null,
        purpose text not null check (purpose in ('CAREMGT', 'BTG', 'PUBHLTH', 'HPAYMT', 'DSRCH', 'PATRQT')),
        grantee text not null check (length(grantee) between 1 and 200),
        status text not null check (status in ('REQUESTED', 'GRANTED', 'DENIED', 'REVOKED', 'EXPIRED')),
        created_at timestamptz not null default now(),
        unique (tenant_id, id),
        foreign key (tenant_id, patient_id) references patient.patient (tenant_id, id)
      )`);
    this.addSql('create index consent_by_patient on consent.consent (tenant_id, patient_id, created_at desc)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table consent.consent');
  }
}
