import { allow, type IRules } from 'graphql-shield';
import { isPlatformAdmin, isSignedIn, isTenantAdmin, isVerifiedGatewayCall } from '../kit/rules';

/** Every root field and every declared resolver has a rule; anything else is denied. */
export const permissions: IRules = {
  Query: {
    me: isSignedIn,
    users: isTenantAdmin,
    tenants: isPlatformAdmin,
    mySessions: isSignedIn,
    userSessions: isTenantAdmin,
    _entities: isSignedIn,
    _service: isVerifiedGatewayCall,
  },
  Mutation: {
    // Open to anonymous callers by nature; rate limits, lockout and validation guard them.
    signUpClinic: allow,
    login: allow,
    verifyTenant: isPlatformAdmin,
    logout: isSignedIn,
    changePassword: isSignedIn,
    terminateSession: isSignedIn,
    createUser: isTenantAdmin,
    changeUserRole: isTenantAdmin,
  },
  User: {
    tenant: isSignedIn,
  },
  Session: {
    createdAt: isSignedIn,
    lastSeenAt: isSignedIn,
    expiresAt: isSignedIn,
    current: isSignedIn,
  },
};
