import { EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';

export type TenantStatus = 'PENDING_VERIFICATION' | 'ACTIVE' | 'REJECTED' | 'SUSPENDED';

/** A clinic. Not tenant-filtered: it is the tenant; resolvers scope reads to the caller's own. */
export interface Tenant {
  id: string;
  name: string;
  stateCode: string;
  status: TenantStatus;
  createdAt: Opt<Date>;
}

export const TenantSchema = new EntitySchema<Tenant>({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    name: { type: 'text' },
    stateCode: { type: 'character', length: 2 },
    status: { type: 'text' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
});
