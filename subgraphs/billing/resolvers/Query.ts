import { notFound } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import type { QueryResolvers } from '../__generated__/resolvers';

export const Query: QueryResolvers = {
  async invoice(_parent, { id }, { loaders }) {
    const invoice = isUuid(id) ? await loaders.invoiceById.load(id) : null;
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  },
};
