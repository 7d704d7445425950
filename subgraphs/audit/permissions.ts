import type { IRules } from 'graphql-shield';
import { isTenantAdmin, isVerifiedGatewayCall } from '../kit/rules';

/** Every root field and every declared resolver has a rule; anything else is denied. */
export const permissions: IRules = {
  Query: {
    auditEvents: isTenantAdmin,
    _entities: isTenantAdmin,
    _service: isVerifiedGatewayCall,
  },
};
