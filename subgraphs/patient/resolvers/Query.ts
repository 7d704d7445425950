import { notFound } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { keysetPage } from '../../kit/pagination';
import type { QueryResolvers } from '../__generated__/resolvers';
import { PatientSchema } from '../entities';

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const Query: QueryResolvers = {
  async patients(_parent, { first, after, search }, { em, accessedPatientIds }) {
    const { limit, afterId } = keysetPage(first, after);
    const where = {
      ...(afterId ? { id: { $gt: afterId } } : {}),
      ...(search?.trim() ? { name: { $ilike: likePattern(search.trim()) } } : {}),
    };
    const patients = await em.find(PatientSchema, where, { orderBy: { id: 'asc' }, limit });
    for (const patient of patients) accessedPatientIds.add(patient.id);
    return patients;
  },

  async patient(_parent, { id }, { loaders, accessedPatientIds }) {
    const patient = isUuid(id) ? await loaders.patientById.load(id) : null;
    if (!patient) throw notFound('Patient', id);
    accessedPatientIds.add(patient.id);
    return patient;
  },
};
