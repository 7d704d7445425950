import { notFound } from '../../kit/errors';
import type { BillingSubscriptionResolvers } from '../__generated__/resolvers';

export const BillingSubscription: BillingSubscriptionResolvers = {
  invoice: async (subscription, _args, { loaders }) => {
    const [invoice] = await loaders.invoicesBySubscriptionId.load(subscription.id);
    if (!invoice) throw notFound('Invoice', subscription.id);
    return invoice;
  },
};
