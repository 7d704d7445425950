import { mayReadPatient } from '../../kit/patientAccess';
import type { PatientResolvers } from '../__generated__/resolvers';

export const Patient: PatientResolvers = {
  invoices: async (patient, _args, { caller, loaders, accessedPatientIds }) => {
    if (!mayReadPatient(caller, patient.id)) return [];
    const rows = await loaders.invoicesByPatientId.load(patient.id);
    if (rows.length > 0) accessedPatientIds.add(patient.id);
    return rows;
  },
  lastInvoice: async (patient, _args, { caller, loaders, accessedPatientIds }) => {
    if (!mayReadPatient(caller, patient.id)) return null;
    const invoice = await loaders.lastInvoiceByPatientId.load(patient.id);
    if (invoice) accessedPatientIds.add(patient.id);
    return invoice;
  },
  charges: async (patient, _args, { caller, loaders, accessedPatientIds }) => {
    if (!mayReadPatient(caller, patient.id)) return [];
    const rows = await loaders.chargesByPatientId.load(patient.id);
    if (rows.length > 0) accessedPatientIds.add(patient.id);
    return rows;
  },
};
