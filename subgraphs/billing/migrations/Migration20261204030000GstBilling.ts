import { Migration } from '@mikro-orm/migrations';

const GSTIN = `'^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'`;
const NUMBER = `'^[A-Za-z0-9/-]{1,16}$'`;
const RATE = 'in (0, 5, 12, 18, 28)';
const FY = `'^[0-9]{2}-[0-9]{2}$'`;

/**
 * GST billing (CGST Rules, rule 46): charges and their lines, payments, the full
 * tax invoice with supplier and recipient snapshots and per-line tax, credit notes,
 * the clinic's subscription, and gap-free number counters. Issued invoices, their
 * lines and credit notes are immutable: triggers refuse UPDATE, DELETE and TRUNCATE.
 * A database made before this migration holds only demo invoices: delete `.data/`.
 */
export class Migration20261204030000GstBilling extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table billing.charge (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        patient_id uuid not null,
        recipient_name text not null check (length(recipient_name) between 1 and 200),
        recipient_address text not null check (length(recipient_address) between 5 and 500),
        recipient_state_code char(2) not null check (recipient_state_code ~ '^[0-9]{2}$'),
        recipient_gstin char(15) check (recipient_gstin ~ ${GSTIN} and substr(recipient_gstin, 1, 2) = recipient_state_code),
        taxable_paise bigint not null check (taxable_paise >= 0),
        tax_paise bigint not null check (tax_paise >= 0),
        total_paise bigint not null check (total_paise = taxable_paise + tax_paise),
        status text not null check (status in ('OPEN', 'PAID')),
        created_at timestamptz not null default now(),
        unique (tenant_id, id),
        foreign key (tenant_id, patient_id) references patient.patient (tenant_id, id)
      )`);
    this.addSql('create index charge_by_patient on billing.charge (tenant_id, patient_id, created_at desc)');
    this.addSql(`
      create table billing.charge_line (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        charge_id uuid not null,
        position smallint not null check (position between 1 and 100),
        sac_code char(6) not null check (sac_code ~ '^99[0-9]{4}$'),
        description text not null check (length(description) between 1 and 200),
        quantity integer not null check (quantity between 1 and 10000),
        unit_price_paise bigint not null check (unit_price_paise >= 0),
        gst_rate smallint not null check (gst_rate ${RATE}),
        cosmetic boolean not null,
        -- exempt healthcare by a clinical establishment carries 0 %; a cosmetic procedure is taxed
        check (cosmetic or sac_code not like '9993%' or gst_rate = 0),
        check (not cosmetic or gst_rate > 0),
        unique (tenant_id, charge_id, position),
        foreign key (tenant_id, charge_id) references billing.charge (tenant_id, id)
      )`);
    this.addSql(`
      create table billing.payment (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        charge_id uuid not null,
        amount_paise bigint not null check (amount_paise >= 0),
        method text not null check (method in ('CASH', 'CARD', 'UPI', 'NET_BANKING', 'CHEQUE')),
        paid_at timestamptz not null default now(),
        unique (tenant_id, id),
        -- a charge is paid once, in full
        unique (tenant_id, charge_id),
        foreign key (tenant_id, charge_id) references billing.charge (tenant_id, id)
      )`);
    this.addSql(`
      create table billing.subscription (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        plan text not null check (plan in ('STARTER', 'PRACTICE')),
        status text not null check (status in ('ACTIVE')),
        monthly_fee_paise bigint not null check (monthly_fee_paise > 0),
        activated_at timestamptz not null default now(),
        unique (tenant_id, id),
        unique (tenant_id)
      )`);

    // The invoice grows every rule 46 field. Numbers are unique per supplier: per clinic
    // for the clinic's invoices, platform-wide for the platform's.
    this.addSql(`
      alter table billing.invoice
        drop constraint invoice_tenant_id_number_key,
        alter column patient_id drop not null,
        alter column issued_at drop default,
        add column supplier text not null check (supplier in ('CLINIC', 'PLATFORM')),
        add column charge_id uuid,
        add column payment_id uuid,
        add column subscription_id uuid,
        add column financial_year char(5) not null check (financial_year ~ ${FY}),
        add column serial integer not null check (serial between 1 and 99999),
        add column issue_date date not null,
        add column supplier_name text not null check (length(supplier_name) between 1 and 200),
        add column supplier_address text not null check (length(supplier_address) between 5 and 500),
        add column supplier_gstin char(15) not null check (supplier_gstin ~ ${GSTIN}),
        add column supplier_state_code char(2) not null check (supplier_state_code = substr(supplier_gstin, 1, 2)),
        add column recipient_name text not null check (length(recipient_name) between 1 and 200),
        add column recipient_address text not null check (length(recipient_address) between 5 and 500),
        add column recipient_gstin char(15) check (recipient_gstin ~ ${GSTIN} and substr(recipient_gstin, 1, 2) = recipient_state_code),
        add column recipient_state_code char(2) not null check (recipient_state_code ~ '^[0-9]{2}$'),
        add column place_of_supply_state_code char(2) not null check (place_of_supply_state_code ~ '^[0-9]{2}$'),
        add column reverse_charge boolean not null,
        add column taxable_paise bigint not null check (taxable_paise >= 0),
        add column cgst_paise bigint not null check (cgst_paise >= 0),
        add column sgst_paise bigint not null check (sgst_paise >= 0),
        add column igst_paise bigint not null check (igst_paise >= 0),
        add constraint invoice_total check (total_paise = taxable_paise + cgst_paise + sgst_paise + igst_paise),
        add constraint invoice_one_tax_kind check (igst_paise = 0 or (cgst_paise = 0 and sgst_paise = 0)),
        add constraint invoice_number_has_year check (position(financial_year in number) > 0),
        add constraint invoice_source check (
          (supplier = 'CLINIC' and patient_id is not null and charge_id is not null and payment_id is not null and subscription_id is null)
          or (supplier = 'PLATFORM' and patient_id is null and charge_id is null and payment_id is null and subscription_id is not null)),
        add constraint invoice_charge_once unique (tenant_id, charge_id),
        add foreign key (tenant_id, charge_id) references billing.charge (tenant_id, id),
        add foreign key (tenant_id, payment_id) references billing.payment (tenant_id, id),
        add foreign key (tenant_id, subscription_id) references billing.subscription (tenant_id, id)`);
    this.addSql(`create unique index invoice_clinic_number on billing.invoice (tenant_id, number) where supplier = 'CLINIC'`);
    this.addSql(`create unique index invoice_clinic_serial on billing.invoice (tenant_id, financial_year, serial) where supplier = 'CLINIC'`);
    this.addSql(`create unique index invoice_platform_number on billing.invoice (number) where supplier = 'PLATFORM'`);
    this.addSql(`create unique index invoice_platform_serial on billing.invoice (financial_year, serial) where supplier = 'PLATFORM'`);
    this.addSql(`
      create table billing.invoice_line (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        invoice_id uuid not null,
        position smallint not null check (position between 1 and 100),
        sac_code char(6) not null check (sac_code ~ '^99[0-9]{4}$'),
        description text not null check (length(description) between 1 and 200),
        quantity integer not null check (quantity between 1 and 10000),
        unit_price_paise bigint not null check (unit_price_paise >= 0),
        taxable_paise bigint not null check (taxable_paise = quantity * unit_price_paise),
        gst_rate smallint not null check (gst_rate ${RATE}),
        exempt boolean not null check (not exempt or gst_rate = 0),
        cgst_paise bigint not null check (cgst_paise >= 0),
        sgst_paise bigint not null check (sgst_paise >= 0),
        igst_paise bigint not null check (igst_paise >= 0),
        check (igst_paise = 0 or (cgst_paise = 0 and sgst_paise = 0)),
        -- the rounding rule: line tax half-up to the paisa; CGST takes the odd paisa
        check (cgst_paise + sgst_paise + igst_paise = (taxable_paise * gst_rate + 50) / 100),
        check (cgst_paise - sgst_paise in (0, 1)),
        unique (tenant_id, id),
        unique (tenant_id, invoice_id, position),
        foreign key (tenant_id, invoice_id) references billing.invoice (tenant_id, id)
      )`);
    this.addSql(`
      create table billing.credit_note (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        invoice_id uuid not null,
        number text not null check (number ~ ${NUMBER}),
        financial_year char(5) not null check (financial_year ~ ${FY}),
        serial integer not null check (serial between 1 and 99999),
        issued_at timestamptz not null,
        issue_date date not null,
        reason text not null check (length(reason) between 1 and 500),
        taxable_paise bigint not null check (taxable_paise >= 0),
        cgst_paise bigint not null check (cgst_paise >= 0),
        sgst_paise bigint not null check (sgst_paise >= 0),
        igst_paise bigint not null check (igst_paise >= 0),
        total_paise bigint not null check (total_paise = taxable_paise + cgst_paise + sgst_paise + igst_paise),
        check (position(financial_year in number) > 0),
        unique (tenant_id, id),
        unique (tenant_id, number),
        unique (tenant_id, financial_year, serial),
        foreign key (tenant_id, invoice_id) references billing.invoice (tenant_id, id)
      )`);
    this.addSql('create index credit_note_by_invoice on billing.credit_note (tenant_id, invoice_id)');
    this.addSql(`
      create table billing.credit_note_line (
        id uuid primary key,
        tenant_id uuid not null references identity.tenant (id),
        credit_note_id uuid not null,
        invoice_line_id uuid not null,
        taxable_paise bigint not null check (taxable_paise > 0),
        cgst_paise bigint not null check (cgst_paise >= 0),
        sgst_paise bigint not null check (sgst_paise >= 0),
        igst_paise bigint not null check (igst_paise >= 0),
        unique (tenant_id, credit_note_id, invoice_line_id),
        foreign key (tenant_id, credit_note_id) references billing.credit_note (tenant_id, id),
        foreign key (tenant_id, invoice_line_id) references billing.invoice_line (tenant_id, id)
      )`);
    this.addSql('create index credit_note_line_by_invoice_line on billing.credit_note_line (tenant_id, invoice_line_id)');

    // One row per series and financial year, bumped with UPDATE ... RETURNING inside the
    // issuing transaction: concurrent issues queue on the row lock, a rollback returns the number.
    this.addSql(`
      create table billing.document_counter (
        tenant_id uuid not null references identity.tenant (id),
        series text not null check (series in ('INVOICE', 'CREDIT_NOTE')),
        financial_year char(5) not null check (financial_year ~ ${FY}),
        last_serial integer not null check (last_serial between 1 and 99999),
        primary key (tenant_id, series, financial_year)
      )`);
    this.addSql(`
      create table billing.platform_invoice_counter (
        financial_year char(5) primary key check (financial_year ~ ${FY}),
        last_serial integer not null check (last_serial between 1 and 99999)
      )`);

    this.addSql(`
      create function billing.refuse_issued_change() returns trigger language plpgsql as $$
      begin
        raise exception 'billing.% is issued and cannot be changed (%): issue a credit note instead', tg_table_name, tg_op
          using errcode = 'insufficient_privilege';
      end $$`);
    for (const table of ['invoice', 'invoice_line', 'credit_note', 'credit_note_line']) {
      this.addSql(`create trigger ${table}_immutable before update or delete on billing.${table}
        for each row execute function billing.refuse_issued_change()`);
      this.addSql(`create trigger ${table}_no_truncate before truncate on billing.${table}
        for each statement execute function billing.refuse_issued_change()`);
    }
  }

  override async down(): Promise<void> {
    this.addSql('drop table billing.credit_note_line, billing.credit_note, billing.invoice_line, billing.document_counter, billing.platform_invoice_counter');
    this.addSql('drop trigger invoice_immutable on billing.invoice');
    this.addSql('drop trigger invoice_no_truncate on billing.invoice');
    this.addSql('drop function billing.refuse_issued_change()');
    this.addSql('delete from billing.invoice');
    this.addSql(`
      alter table billing.invoice
        drop column supplier, drop column charge_id, drop column payment_id, drop column subscription_id,
        drop column financial_year, drop column serial, drop column issue_date,
        drop column supplier_name, drop column supplier_address, drop column supplier_gstin, drop column supplier_state_code,
        drop column recipient_name, drop column recipient_address, drop column recipient_gstin, drop column recipient_state_code,
        drop column place_of_supply_state_code, drop column reverse_charge,
        drop column taxable_paise, drop column cgst_paise, drop column sgst_paise, drop column igst_paise,
        alter column patient_id set not null,
        alter column issued_at set default now(),
        add unique (tenant_id, number)`);
    this.addSql('drop table billing.payment, billing.charge_line, billing.charge, billing.subscription');
  }
}
