import { Migration } from '@mikro-orm/migrations';

const RATES = 'in (0, 5, 12, 18, 28, 40)';

/**
 * The 40 % GST rate in force from 22 September 2025 (the application checks which
 * rates a charge's day allows; 12 % and 28 % stay valid for lines of earlier days).
 */
export class Migration20261204070000GstRates2025 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['charge_line', 'invoice_line']) {
      this.addSql(`alter table billing.${table} drop constraint ${table}_gst_rate_check`);
      this.addSql(`alter table billing.${table} add constraint ${table}_gst_rate_check check (gst_rate ${RATES})`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['charge_line', 'invoice_line']) {
      this.addSql(`alter table billing.${table} drop constraint ${table}_gst_rate_check`);
      this.addSql(`alter table billing.${table} add constraint ${table}_gst_rate_check check (gst_rate in (0, 5, 12, 18, 28))`);
    }
  }
}
