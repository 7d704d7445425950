import type { SessionResolvers } from '../__generated__/resolvers';

export const Session: SessionResolvers = {
  createdAt: (session) => new Date(session.createdAt),
  lastSeenAt: (session) => new Date(session.lastSeenAt),
  expiresAt: (session) => new Date(session.expiresAt),
  current: (session, _args, { caller }) => session.id === caller.sessionId,
};
