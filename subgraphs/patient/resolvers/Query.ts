import { notFound } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { findReadOnly } from '../../kit/loaders';
import { keysetPage } from '../../kit/pagination';
import { mayReadPatient } from '../../kit/patientAccess';
import type { QueryResolvers } from '../__generated__/resolvers';
import { PatientSchema } from '../entities';
import { patientSearch } from '../validation';

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const Query: QueryResolvers = {
  async patients(_parent, { first, after, search }, { caller, em, loaders, accessedPatientIds }) {
    const { limit, afterId } = keysetPage(first, after);
    const wanted = patientSearch(search);
    // An ABHA number or phone is found by its keyed hash only: the sealed values are never scanned.
    const match =
      wanted === null ? {}
      : wanted.by === 'name' ? { name: { $ilike: likePattern(wanted.text) } }
      : wanted.by === 'phone' ? { phoneHash: loaders.sealed.lookupHash('phone', caller.tenantId!, wanted.value) }
      : { abhaNumberHash: loaders.sealed.lookupHash('abhaNumber', caller.tenantId!, wanted.value) };
    const where = { ...(afterId ? { id: { $gt: afterId } } : {}), ...match };
    // Only read: plain rows, outside the unit of work (a page is hydrated and compared at commit otherwise).
    const patients = await findReadOnly(em, PatientSchema, where, { orderBy: { id: 'asc' }, limit });
    for (const patient of patients) accessedPatientIds.add(patient.id);
    return patients;
  },

  async patient(_parent, { id }, { caller, loaders, accessedPatientIds }) {
    // A PATIENT asking for someone else's record learns no more than from an unknown id.
    const patient = isUuid(id) && mayReadPatient(caller, id) ? await loaders.patientById.load(id) : null;
    if (!patient) throw notFound('Patient', id);
    accessedPatientIds.add(patient.id);
    return patient;
  },

  async myRecord(_parent, _args, { caller, loaders, accessedPatientIds }) {
    const patient = caller.patientId ? await loaders.patientById.load(caller.patientId) : null;
    if (!patient) throw notFound('Patient', caller.patientId ?? 'of this caller');
    accessedPatientIds.add(patient.id);
    return patient;
  },
};
