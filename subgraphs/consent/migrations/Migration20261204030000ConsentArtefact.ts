import { Migration } from '@mikro-orm/migrations';

const HI_TYPES = "array['OPConsultation', 'Prescription', 'DischargeSummary', 'DiagnosticReport', 'ImmunizationRecord', 'HealthDocumentRecord', 'WellnessRecord']::text[]";

/**
 * ABDM-shaped consent artefacts: requester, grantee kind, hiTypes, permission
 * (access mode, date range, data erase instant, frequency), grant and revoke
 * instants, and an append-only history of status changes.
 *
 * The column defaults describe a consent that covers nothing (no hiTypes, a
 * zero-length date range, lapsing at once), so a row written without the API's
 * values can never authorise processing. Rows from before this migration get
 * those defaults too, and a history rebuilt from their status.
 */
export class Migration20261204030000ConsentArtefact extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table consent.consent
        add column requested_by uuid,
        add column grantee_kind text not null default 'CLINIC' check (grantee_kind in ('CLINIC', 'INSURER')),
        add column grantee_insurer_id text check (grantee_insurer_id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
        add column hi_types text[] not null default '{}' check (hi_types <@ ${HI_TYPES}),
        add column access_mode text not null default 'VIEW' check (access_mode in ('VIEW', 'STORE', 'QUERY', 'STREAM')),
        add column date_from timestamptz not null default now(),
        add column date_to timestamptz not null default now(),
        add column data_erase_at timestamptz not null default now(),
        add column frequency_unit text not null default 'DAY' check (frequency_unit in ('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR')),
        add column frequency_value integer not null default 1 check (frequency_value between 1 and 1000),
        add column frequency_repeats integer not null default 0 check (frequency_repeats between 0 and 1000),
        add column granted_at timestamptz,
        add column revoked_at timestamptz`);

    // Earlier rows named an insurer by its name: any grantee that is not the clinic.
    this.addSql(`
      update consent.consent c
         set grantee_kind = 'INSURER',
             grantee_insurer_id = coalesce(nullif(trim(both '-' from lower(regexp_replace(c.grantee, '[^A-Za-z0-9]+', '-', 'g'))), ''), 'insurer')
       where c.grantee <> (select t.name from identity.tenant t where t.id = c.tenant_id)`);
    // EXPIRED is computed when read, never stored: an earlier EXPIRED row is a GRANTED one past dataEraseAt.
    this.addSql(`update consent.consent set status = 'GRANTED' where status = 'EXPIRED'`);
    // Earlier rows kept one instant; their steps are spaced a millisecond apart so the rebuilt history orders.
    this.addSql(`update consent.consent set granted_at = created_at + interval '1 millisecond' where status in ('GRANTED', 'REVOKED')`);
    this.addSql(`update consent.consent set revoked_at = created_at + interval '2 milliseconds' where status = 'REVOKED'`);

    this.addSql(`
      alter table consent.consent
        drop constraint consent_status_check,
        add constraint consent_status_check check (status in ('REQUESTED', 'GRANTED', 'DENIED', 'REVOKED')),
        add constraint consent_insurer_named check ((grantee_kind = 'INSURER') = (grantee_insurer_id is not null)),
        add constraint consent_date_range_order check (date_from <= date_to),
        add constraint consent_erased_after_range check (date_to <= data_erase_at),
        add constraint consent_revoked_when_revoked check ((status = 'REVOKED') = (revoked_at is not null)),
        add constraint consent_revoked_after_granted check (revoked_at is null or (granted_at is not null and granted_at <= revoked_at)),
        add constraint consent_requester_same_tenant foreign key (tenant_id, requested_by) references identity."user" (tenant_id, id)`);

    this.addSql(`
      create table consent.consent_status_change (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        consent_id uuid not null,
        status text not null check (status in ('REQUESTED', 'GRANTED', 'DENIED', 'REVOKED')),
        at timestamptz not null default now(),
        actor_user_id uuid,
        actor_role text check (actor_role in ('PATIENT', 'CLINICIAN', 'TENANT_ADMIN')),
        reason text check (length(reason) between 1 and 500),
        unique (tenant_id, id),
        check ((actor_user_id is null) = (actor_role is null)),
        foreign key (tenant_id, consent_id) references consent.consent (tenant_id, id),
        foreign key (tenant_id, actor_user_id) references identity."user" (tenant_id, id)
      )`);
    this.addSql('create index consent_status_change_by_consent on consent.consent_status_change (tenant_id, consent_id, at, id)');

    // A consent's history is evidence of what the patient agreed to: changes are appended, never rewritten.
    this.addSql(`
      create function consent.refuse_history_rewrite() returns trigger language plpgsql as $$
      begin
        raise exception 'consent history is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`
      create trigger consent_status_change_append_only before update or delete on consent.consent_status_change
        for each row execute function consent.refuse_history_rewrite()`);

    this.addSql(`
      insert into consent.consent_status_change (id, tenant_id, consent_id, status, at)
      select gen_random_uuid(), tenant_id, id, 'REQUESTED', created_at from consent.consent
      union all
      select gen_random_uuid(), tenant_id, id, 'GRANTED', granted_at from consent.consent where granted_at is not null
      union all
      select gen_random_uuid(), tenant_id, id, 'REVOKED', revoked_at from consent.consent where status = 'REVOKED'
      union all
      select gen_random_uuid(), tenant_id, id, 'DENIED', created_at + interval '1 millisecond' from consent.consent where status = 'DENIED'`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table consent.consent_status_change');
    this.addSql('drop function consent.refuse_history_rewrite()');
    this.addSql(`
      alter table consent.consent
        drop constraint consent_requester_same_tenant,
        drop constraint consent_revoked_after_granted,
        drop constraint consent_revoked_when_revoked,
        drop constraint consent_erased_after_range,
        drop constraint consent_date_range_order,
        drop constraint consent_insurer_named,
        drop constraint consent_status_check,
        add constraint consent_status_check check (status in ('REQUESTED', 'GRANTED', 'DENIED', 'REVOKED', 'EXPIRED')),
        drop column revoked_at, drop column granted_at, drop column frequency_repeats, drop column frequency_value,
        drop column frequency_unit, drop column data_erase_at, drop column date_to, drop column date_from,
        drop column access_mode, drop column hi_types, drop column grantee_insurer_id, drop column grantee_kind,
        drop column requested_by`);
  }
}
