import { EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';
import type { ConsentStatus } from './Consent';

export type ConsentActorRole = 'PATIENT' | 'CLINICIAN' | 'TENANT_ADMIN';

/** One status change of a consent (tenant-scoped child of the consent; append-only in the database). */
export interface ConsentStatusChange {
  id: string;
  tenantId: string;
  consentId: string;
  status: ConsentStatus;
  at: Opt<Date>;
  /** Null, with the role, for changes recorded without a user (demo data, earlier records). */
  actorUserId: string | null;
  actorRole: ConsentActorRole | null;
  reason: string | null;
}

export const ConsentStatusChangeSchema = new EntitySchema<ConsentStatusChange>({
  name: 'ConsentStatusChange',
  tableName: 'consent_status_change',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    consentId: { type: 'uuid' },
    status: { type: 'text' },
    at: { type: 'Date', onCreate: () => new Date() },
    actorUserId: { type: 'uuid', nullable: true },
    actorRole: { type: 'text', nullable: true },
    reason: { type: 'text', nullable: true },
  },
  filters: tenantFilter,
});
