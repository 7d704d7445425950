import { and, or, race, rule, type IRules } from 'graphql-shield';
import { isClinicStaff, isPatient, isTenantCaller, isVerifiedGatewayCall, mayWriteClinicalData } from '../kit/rules';
import type { Patient } from './entities';
import type { Context } from './loaders';

/**
 * A PATIENT reading a field of their own record (the parent is the patient). Not
 * cached: the check is one comparison, while shield's `strict` cache would hash the
 * whole entity for every field of every patient. A denial is `false`, so the error
 * is built once, by shield, only when the whole rule fails.
 */
const isOwnPatientRecord = rule({ cache: 'no_cache' })((parent: Patient, _args, ctx: Context) =>
  ctx.caller.patientId !== null && parent.id === ctx.caller.patientId,
);

/**
 * Identifiers and contact details: clinic staff of the tenant (the tenant filter loaded
 * the row), or the patient themself. `race` stops at the first rule that allows, so
 * staff reading a page of patients never evaluate the patient branch (`or` evaluates all).
 */
const maySeeSensitiveField = race(isClinicStaff, and(isPatient, isOwnPatientRecord));

/** Every root field and every declared resolver has a rule; anything else is denied. */
export const permissions: IRules = {
  Query: {
    patients: isClinicStaff,
    // A PATIENT passes here; the resolver answers NOT_FOUND for any record but their own.
    patient: or(isClinicStaff, isPatient),
    myRecord: isPatient,
    _entities: isTenantCaller,
    _service: isVerifiedGatewayCall,
  },
  Mutation: {
    createPatient: mayWriteClinicalData,
    updatePatient: mayWriteClinicalData,
    recordObservation: mayWriteClinicalData,
  },
  Patient: {
    phone: maySeeSensitiveField,
    abhaNumber: maySeeSensitiveField,
    email: maySeeSensitiveField,
    abhaAddress: maySeeSensitiveField,
    address: maySeeSensitiveField,
    observations: maySeeSensitiveField,
    latest: maySeeSensitiveField,
  },
};
