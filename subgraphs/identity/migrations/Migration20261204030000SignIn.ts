import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in: password hashes (Argon2id, PHC string), the per-username lockout
 * guard, and the platform's review of a clinic's signup.
 */
export class Migration20261204030000SignIn extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table identity."user"
        add column password_hash text check (password_hash like '$argon2id$%'),
        add column password_changed_at timestamptz`);
    this.addSql(`
      alter table identity.tenant
        add column reviewed_at timestamptz,
        add column review_reason text check (length(review_reason) between 1 and 500)`);
    this.addSql(`
      create table identity.login_guard (
        username_key text primary key check (username_key ~ '^[0-9a-f]{64}$'),
        consecutive_failures integer not null check (consecutive_failures >= 0),
        lock_count integer not null check (lock_count >= 0),
        locked_until timestamptz,
        updated_at timestamptz not null
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table identity.login_guard');
    this.addSql('alter table identity.tenant drop column review_reason, drop column reviewed_at');
    this.addSql('alter table identity."user" drop column password_changed_at, drop column password_hash');
  }
}
