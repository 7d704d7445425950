import { effectiveConsentStatus } from '../../kit/consent';
import { mayReadPatient } from '../../kit/patientAccess';
import type { PatientResolvers } from '../__generated__/resolvers';

export const Patient: PatientResolvers = {
  consents: async (patient, { status }, { caller, loaders, accessedPatientIds }) => {
    if (!mayReadPatient(caller, patient.id)) return [];
    const rows = await loaders.consentsByPatientId.load(patient.id);
    if (rows.length > 0) accessedPatientIds.add(patient.id);
    if (!status) return rows;
    const now = new Date();
    return rows.filter((consent) => effectiveConsentStatus(consent, now) === status);
  },
};
