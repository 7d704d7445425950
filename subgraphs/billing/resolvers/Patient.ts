import { mayReadPatient } from '../../kit/patientAccess';
import type { PatientResolvers } from '../__generated__/resolvers';

export const Patient: PatientResolvers = {
  invoices: (patient, _args, { caller, loaders }) =>
    mayReadPatient(caller, patient.id) ? loaders.invoicesByPatientId.load(patient.id) : [],
};
