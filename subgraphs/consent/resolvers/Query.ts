import { effectiveConsentStatus } from '../../kit/consent';
import { notFound } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { mayReadPatient } from '../../kit/patientAccess';
import type { QueryResolvers } from '../__generated__/resolvers';

export const Query: QueryResolvers = {
  async consent(_parent, { id }, { caller, loaders, accessedPatientIds }) {
    const consent = isUuid(id) ? await loaders.consentById.load(id) : null;
    // Another patient's consent is reported exactly like another clinic's: not found.
    if (!consent || !mayReadPatient(caller, consent.patientId)) throw notFound('Consent', id);
    accessedPatientIds.add(consent.patientId);
    return consent;
  },

  async myConsents(_parent, { status }, { caller, loaders }) {
    if (!caller.patientId) return [];
    const rows = await loaders.consentsByPatientId.load(caller.patientId);
    if (!status) return rows;
    const now = new Date();
    return rows.filter((consent) => effectiveConsentStatus(consent, now) === status);
  },
};
