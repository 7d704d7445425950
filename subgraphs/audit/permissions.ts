import { and, or, rule, type IRules } from 'graphql-shield';
import { forbidden } from '../kit/errors';
import { isPatient, isPlatformAdmin, isTenantAdmin, isVerifiedGatewayCall } from '../kit/rules';
import type { Context } from './loaders';

/** A PATIENT caller linked to a patient record (the data principal of it). */
const hasPatientRecord = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) =>
  ctx.caller.patientId !== null ? true : forbidden(),
);

/** Every root field and every declared resolver has a rule; anything else is denied. */
export const permissions: IRules = {
  Query: {
    auditEvents: or(isTenantAdmin, isPlatformAdmin),
    myAccessLog: and(isPatient, hasPatientRecord),
    _entities: isTenantAdmin,
    _service: isVerifiedGatewayCall,
  },
};
