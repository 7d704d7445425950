import { BigIntType, EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type ChargeStatus = 'OPEN' | 'PAID';

/** What a patient owes the clinic until it is paid; paying it issues the tax invoice. */
export interface Charge {
  id: string;
  tenantId: string;
  patientId: string;
  recipientName: string;
  recipientAddress: string;
  recipientStateCode: string;
  recipientGstin: string | null;
  taxablePaise: number;
  taxPaise: number;
  totalPaise: number;
  status: ChargeStatus;
  createdAt: Opt<Date>;
}

export const ChargeSchema = new EntitySchema<Charge>({
  name: 'Charge',
  tableName: 'charge',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    patientId: { type: 'uuid' },
    recipientName: { type: 'text' },
    recipientAddress: { type: 'text' },
    recipientStateCode: { type: 'character', length: 2 },
    recipientGstin: { type: 'character', length: 15, nullable: true },
    taxablePaise: { type: new BigIntType('number') },
    taxPaise: { type: new BigIntType('number') },
    totalPaise: { type: new BigIntType('number') },
    status: { type: 'text' },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
  filters: tenantFilter,
});
