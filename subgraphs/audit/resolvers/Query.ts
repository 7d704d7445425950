import { keysetPage } from '../../kit/pagination';
import type { QueryResolvers } from '../__generated__/resolvers';
import { AuditEventSchema } from '../entities';

export const Query: QueryResolvers = {
  async auditEvents(_parent, { first, after }, { em }) {
    const { limit, afterId } = keysetPage(first, after);
    // Ids are UUIDv7, so id order is time order: newest first, then older than the cursor.
    return em.find(AuditEventSchema, afterId ? { id: { $lt: afterId } } : {}, { orderBy: { id: 'desc' }, limit });
  },
};
