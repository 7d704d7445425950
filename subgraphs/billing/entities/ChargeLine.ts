import { BigIntType, EntitySchema } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

/** One service on a charge, as entered; tax is worked out when the invoice is issued. */
export interface ChargeLine {
  id: string;
  tenantId: string;
  chargeId: string;
  position: number;
  sacCode: string;
  description: string;
  quantity: number;
  unitPricePaise: number;
  /** Per cent: a GST rate in force on the charge's day (see GST_RATE_SCHEDULE). */
  gstRate: number;
  /** A cosmetic procedure: never exempt, even under healthcare heading 9993. */
  cosmetic: boolean;
}

export const ChargeLineSchema = new EntitySchema<ChargeLine>({
  name: 'ChargeLine',
  tableName: 'charge_line',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    chargeId: { type: 'uuid' },
    position: { type: 'smallint' },
    sacCode: { type: 'character', length: 6 },
    description: { type: 'text' },
    quantity: { type: 'integer' },
    unitPricePaise: { type: new BigIntType('number') },
    gstRate: { type: 'smallint' },
    cosmetic: { type: 'boolean' },
  },
  filters: tenantFilter,
});
