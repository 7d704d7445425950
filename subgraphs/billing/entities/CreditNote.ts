import { BigIntType, EntitySchema } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

/** A correction of an issued invoice, in its own number series; never changed. */
export interface CreditNote {
  id: string;
  tenantId: string;
  invoiceId: string;
  number: string;
  financialYear: string;
  serial: number;
  issuedAt: Date;
  issueDate: string;
  reason: string;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  totalPaise: number;
}

const money = () => ({ type: new BigIntType('number') });

export const CreditNoteSchema = new EntitySchema<CreditNote>({
  name: 'CreditNote',
  tableName: 'credit_note',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    invoiceId: { type: 'uuid' },
    number: { type: 'text' },
    financialYear: { type: 'character', length: 5 },
    serial: { type: 'integer' },
    issuedAt: { type: 'Date' },
    issueDate: { type: 'date' },
    reason: { type: 'text' },
    taxablePaise: money(),
    cgstPaise: money(),
    sgstPaise: money(),
    igstPaise: money(),
    totalPaise: money(),
  },
  filters: tenantFilter,
});
