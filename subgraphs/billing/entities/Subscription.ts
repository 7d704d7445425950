import { BigIntType, EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type BillingPlan = 'STARTER' | 'PRACTICE';

/** The clinic's subscription to the platform (one per clinic). */
export interface Subscription {
  id: string;
  tenantId: string;
  plan: BillingPlan;
  status: 'ACTIVE';
  monthlyFeePaise: number;
  activatedAt: Opt<Date>;
}

export const SubscriptionSchema = new EntitySchema<Subscription>({
  name: 'Subscription',
  tableName: 'subscription',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    plan: { type: 'text' },
    status: { type: 'text' },
    monthlyFeePaise: { type: new BigIntType('number') },
    activatedAt: { type: 'Date', onCreate: () => new Date() },
  },
  filters: tenantFilter,
});
