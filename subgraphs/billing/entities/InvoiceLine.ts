import { BigIntType, EntitySchema } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

/** One line of an issued invoice, with its tax worked out; never changed. */
export interface InvoiceLine {
  id: string;
  tenantId: string;
  invoiceId: string;
  position: number;
  sacCode: string;
  description: string;
  quantity: number;
  unitPricePaise: number;
  taxablePaise: number;
  gstRate: number;
  /** Exempt healthcare (heading 9993, not cosmetic): rate 0, still on the invoice. */
  exempt: boolean;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
}

const money = () => ({ type: new BigIntType('number') });

export const InvoiceLineSchema = new EntitySchema<InvoiceLine>({
  name: 'InvoiceLine',
  tableName: 'invoice_line',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    invoiceId: { type: 'uuid' },
    position: { type: 'smallint' },
    sacCode: { type: 'character', length: 6 },
    description: { type: 'text' },
    quantity: { type: 'integer' },
    unitPricePaise: money(),
    taxablePaise: money(),
    gstRate: { type: 'smallint' },
    exempt: { type: 'boolean' },
    cgstPaise: money(),
    sgstPaise: money(),
    igstPaise: money(),
  },
  filters: tenantFilter,
});
