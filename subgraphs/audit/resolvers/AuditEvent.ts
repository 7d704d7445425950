import type { AuditEventResolvers } from '../__generated__/resolvers';

export const AuditEvent: AuditEventResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.auditEventById.load(reference.id),
};
