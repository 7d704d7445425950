import { mayReadPatient } from '../../kit/patientAccess';
import type { PatientResolvers } from '../__generated__/resolvers';

export const Patient: PatientResolvers = {
  __resolveReference: async (reference, { caller, loaders, accessedPatientIds }) => {
    const patient = mayReadPatient(caller, reference.id) ? await loaders.patientById.load(reference.id) : null;
    if (patient) accessedPatientIds.add(patient.id);
    return patient;
  },
};
