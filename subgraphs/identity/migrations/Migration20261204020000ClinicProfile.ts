import { Migration } from '@mikro-orm/migrations';

/**
 * What a clinic registers with: a sign-in slug, its address, GSTIN, HFR facility
 * ID and (optional) NABH accreditation. The GSTIN's State must be the clinic's.
 * A database made before this migration holds only demo data: delete `.data/`.
 */
export class Migration20261204020000ClinicProfile extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table identity.tenant
        add column slug text not null unique check (slug ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'),
        add column address text not null check (length(address) between 5 and 500),
        add column gstin char(15) not null unique check (gstin ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'),
        add column hfr_facility_id char(12) not null unique check (hfr_facility_id ~ '^IN[0-9]{10}$'),
        add column nabh_number text check (nabh_number ~ '^[A-Z0-9/-]{4,30}$'),
        add constraint tenant_gstin_state check (substr(gstin, 1, 2) = state_code)`);
  }

  override async down(): Promise<void> {
    this.addSql(`
      alter table identity.tenant
        drop constraint tenant_gstin_state,
        drop column nabh_number, drop column hfr_facility_id, drop column gstin, drop column address, drop column slug`);
  }
}
