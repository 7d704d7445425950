import { ArrayType, EntitySchema, type Opt } from '@mikro-orm/postgresql';
import type { ConsentAccessMode, ConsentFrequencyUnit, ConsentGranteeKind, ConsentPurpose, HiType, StoredConsentStatus } from '../../kit/consent';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type { ConsentAccessMode, ConsentFrequencyUnit, ConsentGranteeKind, ConsentPurpose, HiType } from '../../kit/consent';
/** What the row holds; the status a reader sees comes from effectiveConsentStatus. */
export type ConsentStatus = StoredConsentStatus;

/**
 * An ABDM-shaped consent artefact (tenant-scoped): the requester is the tenant and
 * `requestedBy`; the grantee is the clinic itself or a named insurer.
 */
export interface Consent {
  id: string;
  tenantId: string;
  patientId: string;
  purpose: ConsentPurpose;
  /** The clinic user who asked; null for rows recorded without one (demo data, earlier records). */
  requestedBy: string | null;
  granteeKind: ConsentGranteeKind;
  /** The insurer's client id, for an INSURER grantee only. */
  granteeInsurerId: string | null;
  /** The grantee's name as it stood when requested. */
  grantee: string;
  hiTypes: HiType[];
  accessMode: ConsentAccessMode;
  dateFrom: Date;
  dateTo: Date;
  dataEraseAt: Date;
  frequencyUnit: ConsentFrequencyUnit;
  frequencyValue: number;
  frequencyRepeats: number;
  status: ConsentStatus;
  grantedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Opt<Date>;
}

export const ConsentSchema = new EntitySchema<Consent>({
  name: 'Consent',
  tableName: 'consent',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    patientId: { type: 'uuid' },
    purpose: { type: 'text' },
    requestedBy: { type: 'uuid', nullable: true },
    granteeKind: { type: 'text' },
    granteeInsurerId: { type: 'text', nullable: true },
    grantee: { type: 'text' },
    hiTypes: { type: ArrayType },
    accessMode: { type: 'text' },
    dateFrom: { type: 'Date' },
    dateTo: { type: 'Date' },
    dataEraseAt: { type: 'Date' },
    frequencyUnit: { type: 'text' },
    frequencyValue: { type: 'integer' },
    frequencyRepeats: { type: 'integer' },
    status: { type: 'text' },
    grantedAt: { type: 'Date', nullable: true },
    revokedAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
  filters: tenantFilter,
});
