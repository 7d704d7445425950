import { BigIntType, EntitySchema } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

/** The part of one invoice line a credit note takes back. */
export interface CreditNoteLine {
  id: string;
  tenantId: string;
  creditNoteId: string;
  invoiceLineId: string;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
}

const money = () => ({ type: new BigIntType('number') });

export const CreditNoteLineSchema = new EntitySchema<CreditNoteLine>({
  name: 'CreditNoteLine',
  tableName: 'credit_note_line',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    creditNoteId: { type: 'uuid' },
    invoiceLineId: { type: 'uuid' },
    taxablePaise: money(),
    cgstPaise: money(),
    sgstPaise: money(),
    igstPaise: money(),
  },
  filters: tenantFilter,
});
