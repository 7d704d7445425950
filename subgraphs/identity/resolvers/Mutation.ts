import type { MutationResolvers } from '../__generated__/resolvers';
import { changePassword, login, logout, terminateSession } from '../auth/signIn';
import { signUpClinic, verifyTenant } from '../clinics';
import { changeUserRole, createUser } from '../users';

export const Mutation: MutationResolvers = {
  signUpClinic: (_parent, { input }, ctx) => signUpClinic(ctx, input),
  verifyTenant: (_parent, args, ctx) => verifyTenant(ctx, args),
  login: (_parent, args, ctx) => login(ctx, args),
  logout: (_parent, _args, ctx) => logout(ctx),
  changePassword: (_parent, args, ctx) => changePassword(ctx, args),
  terminateSession: (_parent, { id }, ctx) => terminateSession(ctx, id),
  createUser: (_parent, { input }, ctx) => createUser(ctx, input),
  changeUserRole: (_parent, args, ctx) => changeUserRole(ctx, args),
};
