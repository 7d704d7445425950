import { EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';

export type TenantStatus = 'PENDING_VERIFICATION' | 'ACTIVE' | 'REJECTED' | 'SUSPENDED';

/** A clinic. Not tenant-filtered: it is the tenant; resolvers scope reads to the caller's own. */
export interface Tenant {
  id: string;
  /** Short name clinic staff sign in with, such as `sunrise`. */
  slug: string;
  name: string;
  /** Postal address, as printed on the clinic's tax invoices. */
  address: string;
  stateCode: string;
  gstin: string;
  /** ABDM Health Facility Registry ID, such as `IN2710000334`. */
  hfrFacilityId: string;
  nabhNumber: Opt<string | null>;
  /** When a platform admin approved or rejected the signup, and why. */
  reviewedAt: Opt<Date | null>;
  reviewReason: Opt<string | null>;
  status: TenantStatus;
  createdAt: Opt<Date>;
}

export const TenantSchema = new EntitySchema<Tenant>({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    slug: { type: 'text' },
    name: { type: 'text' },
    address: { type: 'text' },
    stateCode: { type: 'character', length: 2 },
    gstin: { type: 'character', length: 15 },
    hfrFacilityId: { type: 'character', length: 12 },
    nabhNumber: { type: 'text', nullable: true },
    reviewedAt: { type: 'Date', nullable: true },
    reviewReason: { type: 'text', nullable: true },
    status: { type: 'text' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});
