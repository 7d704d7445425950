import { Migration } from '@mikro-orm/migrations';

/** Invoices; each references its patient within the same tenant. */
export class Migration20261204000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table billing.invoice (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        patient_id uuid not null,
        number text not null check (number ~ '^[A-Za-z0-9/-]{1,16}$'),
        total_paise bigint not null check (total_paise >= 0),
        status text not null check (status in ('ISSUED', 'CANCELLED')),
        issued_at timestamptz not null default now(),
        unique (tenant_id, id),
        unique (tenant_id, number),
        foreign key (tenant_id, patient_id) references patient.patient (tenant_id, id)
      )`);
    this.addSql('create index invoice_by_patient on billing.invoice (tenant_id, patient_id, issued_at desc)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table billing.invoice');
  }
}
