import { BigIntType, EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type PaymentMethod = 'CASH' | 'CARD' | 'UPI' | 'NET_BANKING' | 'CHEQUE';

/** The full payment of one charge (one per charge). */
export interface Payment {
  id: string;
  tenantId: string;
  chargeId: string;
  amountPaise: number;
  method: PaymentMethod;
  paidAt: Opt<Date>;
}

export const PaymentSchema = new EntitySchema<Payment>({
  name: 'Payment',
  tableName: 'payment',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    chargeId: { type: 'uuid' },
    amountPaise: { type: new BigIntType('number') },
    method: { type: 'text' },
    paidAt: { type: 'Date', onCreate: () => new Date() },
  },
  filters: tenantFilter,
});
