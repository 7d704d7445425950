import { mayReadPatient } from '../../kit/patientAccess';
import type { ConsentResolvers } from '../__generated__/resolvers';

export const Consent: ConsentResolvers = {
  __resolveReference: async (reference, { caller, loaders }) => {
    const consent = await loaders.consentById.load(reference.id);
    return consent && mayReadPatient(caller, consent.patientId) ? consent : null;
  },
  patient: (consent) => ({ id: consent.patientId }),
};
