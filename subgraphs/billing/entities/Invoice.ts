import { BigIntType, EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type InvoiceStatus = 'ISSUED' | 'CANCELLED';

/** A GST tax invoice (tenant-scoped). Money is integer paise, never a float. */
export interface Invoice {
  id: string;
  tenantId: string;
  patientId: string;
  number: string;
  totalPaise: number;
  status: InvoiceStatus;
  issuedAt: Opt<Date>;
}

export const InvoiceSchema = new EntitySchema<Invoice>({
  name: 'Invoice',
  tableName: 'invoice',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    patientId: { type: 'uuid' },
    number: { type: 'text' },
    totalPaise: { type: new BigIntType('number') },
    status: { type: 'text' },
    issuedAt: { type: 'Date', onCreate: () => new Date() },
  },
  filters: tenantFilter,
});
