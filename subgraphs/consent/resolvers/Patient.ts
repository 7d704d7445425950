import { mayReadPatient } from '../../kit/patientAccess';
import type { PatientResolvers } from '../__generated__/resolvers';

export const Patient: PatientResolvers = {
  consents: (patient, _args, { caller, loaders }) =>
    mayReadPatient(caller, patient.id) ? loaders.consentsByPatientId.load(patient.id) : [],
};
