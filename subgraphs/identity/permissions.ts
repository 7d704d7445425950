import type { IRules } from 'graphql-shield';
import { isPlatformAdmin, isSignedIn, isTenantAdmin, isVerifiedGatewayCall } from '../kit/rules';

/** Every root field and every declared resolver has a rule; anything else is denied. */
export const permissions: IRules = {
  Query: {
    me: isSignedIn,
    users: isTenantAdmin,
    tenants: isPlatformAdmin,
    _entities: isSignedIn,
    _service: isVerifiedGatewayCall,
  },
  User: {
    tenant: isSignedIn,
  },
};
