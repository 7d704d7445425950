import { Migration } from '@mikro-orm/migrations';

/**
 * The clinical record: contact and ABDM identifiers on the patient (phone and ABHA
 * number only sealed, each with its keyed lookup hash), and cardiometabolic
 * observations as exact decimals, each inside its patient's tenant.
 */
export class Migration20261204030000ClinicalRecord extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table patient.patient
        add column phone_encrypted bytea,
        add column phone_hash bytea,
        add column email text check (length(email) between 3 and 254),
        add column abha_number_encrypted bytea,
        add column abha_number_hash bytea,
        add column abha_address text check (abha_address ~ '^[a-z][a-z0-9._]{3,31}@(abdm|sbx)$'),
        add column address text check (length(address) between 1 and 500),
        add column state_code text check (state_code ~ '^[0-9]{2}$'),
        add column updated_at timestamptz not null default now(),
        -- a sealed value never lives without its lookup hash, nor a hash without its value
        add constraint patient_phone_sealed check ((phone_encrypted is null) = (phone_hash is null)),
        add constraint patient_abha_number_sealed check ((abha_number_encrypted is null) = (abha_number_hash is null)),
        add constraint patient_hashes_are_sha256 check (length(phone_hash) = 32 and length(abha_number_hash) = 32)`);
    this.addSql('create index patient_phone_hash on patient.patient (tenant_id, phone_hash) where phone_hash is not null');
    // One ABHA number is one person: a clinic keeps one record per ABHA number.
    this.addSql('create unique index patient_abha_number_hash on patient.patient (tenant_id, abha_number_hash) where abha_number_hash is not null');

    this.addSql(`
      create table patient.observation (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        patient_id uuid not null,
        kind text not null check (kind in ('BLOOD_PRESSURE', 'HBA1C', 'FASTING_GLUCOSE', 'LDL', 'HDL', 'TRIGLYCERIDES', 'WEIGHT', 'HEIGHT', 'BMI', 'EGFR')),
        value numeric not null check (value > 0 and value < 100000 and scale(value) <= 2),
        diastolic numeric check (diastolic > 0 and diastolic < value and scale(diastolic) <= 2),
        unit text not null,
        taken_at timestamptz not null,
        recorded_at timestamptz not null default now(),
        foreign key (tenant_id, patient_id) references patient.patient (tenant_id, id),
        unique (tenant_id, id),
        -- blood pressure is one reading of two values; every other kind has one
        constraint observation_diastolic_only_for_bp check ((kind = 'BLOOD_PRESSURE') = (diastolic is not null)),
        constraint observation_unit_of_kind check (
          case kind
            when 'BLOOD_PRESSURE' then unit = 'mmHg'
            when 'HBA1C' then unit in ('%', 'mmol/mol')
            when 'WEIGHT' then unit = 'kg'
            when 'HEIGHT' then unit = 'cm'
            when 'BMI' then unit = 'kg/m2'
            when 'EGFR' then unit = 'mL/min/1.73m2'
            else unit in ('mg/dL', 'mmol/L')
          end)
      )`);
    this.addSql('create index observation_patient_kind_taken on patient.observation (tenant_id, patient_id, kind, taken_at desc)');
  }

  override async down(): Promise<void> {
    this.addSql('drop table patient.observation');
    this.addSql(`
      alter table patient.patient
        drop constraint patient_hashes_are_sha256, drop constraint patient_abha_number_sealed, drop constraint patient_phone_sealed,
        drop column updated_at, drop column state_code, drop column address, drop column abha_address,
        drop column abha_number_hash, drop column abha_number_encrypted, drop column email,
        drop column phone_hash, drop column phone_encrypted`);
  }
}
