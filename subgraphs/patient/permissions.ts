import { and, or, rule, type IRules } from 'graphql-shield';
import { forbidden } from '../kit/errors';
import { isClinicStaff, isPatient, isTenantCaller, isVerifiedGatewayCall, mayWriteClinicalData } from '../kit/rules';
import type { Context } from './loaders';

/** A PATIENT asking for their own record. */
const isOwnRecord = rule({ cache: 'strict' })((_parent, args: { id?: string }, ctx: Context) =>
  args.id !== undefined && args.id === ctx.caller.patientId ? true : forbidden(),
);

/** Every root field and every declared resolver has a rule; anything else is denied. */
export const permissions: IRules = {
  Query: {
    patients: isClinicStaff,
    patient: or(isClinicStaff, and(isPatient, isOwnRecord)),
    _entities: isTenantCaller,
    _service: isVerifiedGatewayCall,
  },
  Mutation: {
    createPatient: mayWriteClinicalData,
  },
};
