import type { IRules } from 'graphql-shield';
import { isClinicStaff, isTenantCaller, isVerifiedGatewayCall } from '../kit/rules';

/** Every root field and every declared resolver has a rule; anything else is denied. */
export const permissions: IRules = {
  Query: {
    consent: isClinicStaff,
    _entities: isTenantCaller,
    _service: isVerifiedGatewayCall,
  },
  Consent: {
    patient: isTenantCaller,
  },
  Patient: {
    consents: isTenantCaller,
  },
};
