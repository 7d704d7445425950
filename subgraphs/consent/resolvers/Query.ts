import { notFound } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import type { QueryResolvers } from '../__generated__/resolvers';

export const Query: QueryResolvers = {
  async consent(_parent, { id }, { loaders }) {
    const consent = isUuid(id) ? await loaders.consentById.load(id) : null;
    if (!consent) throw notFound('Consent', id);
    return consent;
  },
};
