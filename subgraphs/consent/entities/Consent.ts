import { EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type ConsentPurpose = 'CAREMGT' | 'BTG' | 'PUBHLTH' | 'HPAYMT' | 'DSRCH' | 'PATRQT';
export type ConsentStatus = 'REQUESTED' | 'GRANTED' | 'DENIED' | 'REVOKED' | 'EXPIRED';

/** A patient's consent to one purpose for one grantee (tenant-scoped). */
export interface Consent {
  id: string;
  tenantId: string;
  patientId: string;
  purpose: ConsentPurpose;
  grantee: string;
  status: ConsentStatus;
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
    grantee: { type: 'text' },
    status: { type: 'text' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
  filters: tenantFilter,
});
