import { badUserInput } from '../../kit/errors';
import { MAX_PAGE_SIZE } from '../../kit/pagination';
import { mayReadPatient } from '../../kit/patientAccess';
import type { PatientResolvers } from '../__generated__/resolvers';
import { OBSERVATION_KINDS } from '../observationRules';
import { formatAbhaNumber } from '../validation';

export const Patient: PatientResolvers = {
  __resolveReference: async (reference, { caller, loaders, accessedPatientIds }) => {
    const patient = mayReadPatient(caller, reference.id) ? await loaders.patientById.load(reference.id) : null;
    if (patient) accessedPatientIds.add(patient.id);
    return patient;
  },

  // Sensitive fields have resolvers so that shield guards each of them (permissions.ts).
  phone: (patient, _args, { loaders }) => loaders.sealed.open(patient, 'phone'),
  abhaNumber: (patient, _args, { loaders }) => {
    const digits = loaders.sealed.open(patient, 'abhaNumber');
    return digits === null ? null : formatAbhaNumber(digits);
  },
  email: (patient) => patient.email,
  abhaAddress: (patient) => patient.abhaAddress,
  address: (patient) => patient.address,

  observations: async (patient, { kind, from, to, last }, { caller, loaders, accessedPatientIds }) => {
    if (!Number.isInteger(last) || last < 1 || last > MAX_PAGE_SIZE) throw badUserInput(`last must be between 1 and ${MAX_PAGE_SIZE}`, 'last');
    if (from && to && from.getTime() >= to.getTime()) throw badUserInput('from must be before to', 'from');
    if (!mayReadPatient(caller, patient.id)) return [];
    const rows = await loaders.observations.load({ patientId: patient.id, kind: kind ?? null, from: from ?? null, to: to ?? null, last });
    if (rows.length > 0) accessedPatientIds.add(patient.id);
    return rows;
  },

  latest: async (patient, _args, { caller, loaders, accessedPatientIds }) => {
    if (!mayReadPatient(caller, patient.id)) return [];
    const rows = await loaders.latestObservations.load(patient.id);
    if (rows.length > 0) accessedPatientIds.add(patient.id);
    return [...rows].sort((a, b) => OBSERVATION_KINDS.indexOf(a.kind) - OBSERVATION_KINDS.indexOf(b.kind));
  },
};
