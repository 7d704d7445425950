import { CONSENT_PURPOSE_TEXT, effectiveConsentStatus } from '../../kit/consent';
import { mayReadPatient } from '../../kit/patientAccess';
import type { ConsentResolvers } from '../__generated__/resolvers';

export const Consent: ConsentResolvers = {
  __resolveReference: async (reference, { caller, loaders }) => {
    const consent = await loaders.consentById.load(reference.id);
    return consent && mayReadPatient(caller, consent.patientId) ? consent : null;
  },
  patient: (consent) => ({ id: consent.patientId }),
  purpose: (consent) => ({ code: consent.purpose, text: CONSENT_PURPOSE_TEXT[consent.purpose] }),
  requester: (consent) => ({ tenantId: consent.tenantId, userId: consent.requestedBy }),
  grantee: (consent) => ({
    kind: consent.granteeKind,
    id: consent.granteeKind === 'INSURER' ? consent.granteeInsurerId! : consent.tenantId,
    name: consent.grantee,
  }),
  permission: (consent) => ({
    accessMode: consent.accessMode,
    dateRange: { from: consent.dateFrom, to: consent.dateTo },
    dataEraseAt: consent.dataEraseAt,
    frequency: { unit: consent.frequencyUnit, value: consent.frequencyValue, repeats: consent.frequencyRepeats },
  }),
  status: (consent) => effectiveConsentStatus(consent),
  history: (consent, _args, { loaders }) => loaders.historyByConsentId.load(consent.id),
};
