import { mayReadPatient } from '../../kit/patientAccess';
import type { PatientResolvers } from '../__generated__/resolvers';

export const Patient: PatientResolvers = {
  __resolveReference: (reference, { caller, loaders }) =>
    mayReadPatient(caller, reference.id) ? loaders.patientById.load(reference.id) : null,
};
