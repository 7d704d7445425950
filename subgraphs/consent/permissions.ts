import { or, type IRules } from 'graphql-shield';
import { isClinicStaff, isClinician, isPatient, isTenantCaller, isVerifiedGatewayCall, mayWriteClinicalData } from '../kit/rules';

/** The patient decides; a clinician may record the patient's decision (with a reason, checked in the resolver). */
const mayRecordPatientDecision = or(isPatient, isClinician);

/** Every root field and every declared resolver has a rule; anything else is denied. */
export const permissions: IRules = {
  Query: {
    consent: or(isClinicStaff, isPatient),
    myConsents: isPatient,
    _entities: isTenantCaller,
    _service: isVerifiedGatewayCall,
  },
  Mutation: {
    requestConsent: mayWriteClinicalData,
    grantConsent: mayRecordPatientDecision,
    denyConsent: mayRecordPatientDecision,
    withdrawConsent: mayRecordPatientDecision,
  },
  // The consent itself was authorised by the field that returned it; these only shape it.
  Consent: {
    patient: isTenantCaller,
    purpose: isTenantCaller,
    requester: isTenantCaller,
    grantee: isTenantCaller,
    permission: isTenantCaller,
    status: isTenantCaller,
    history: isTenantCaller,
  },
  Patient: {
    consents: isTenantCaller,
  },
};
