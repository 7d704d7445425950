import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for finding the events about one object: `auditEvents(filter: {targetId})`
 * and a patient's `myAccessLog`, which match the event's target and, for access
 * events, membership in the list of patients read (`target_ids @> {id}`).
 */
export class Migration20261204030000TargetIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index audit_event_by_target on audit.audit_event (tenant_id, target_id, id desc) where target_id is not null');
    this.addSql('create index audit_event_by_target_ids on audit.audit_event using gin (target_ids) where target_ids is not null');
  }

  override async down(): Promise<void> {
    this.addSql('drop index audit.audit_event_by_target_ids');
    this.addSql('drop index audit.audit_event_by_target');
  }
}
