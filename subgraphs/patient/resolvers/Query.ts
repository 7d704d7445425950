import { notFound } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { keysetPage } from '../../kit/pagination';
import type { QueryResolvers } from '../__generated__/resolvers';
import { PatientSchema } from '../entities';

/** Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const Query: QueryResolvers = {
  async patients(_parent, { first, after, search }, { em }) {
    const { limit, afterId } = keysetPage(first, after);
    const where = {
      ...(afterId ? { id: { $gt: afterId } } : {}),
      ...(search?.trim() ? { name: { $ilike: likePattern(search.trim()) } } : {}),
    };
    return em.find(PatientSchema, where, { orderBy: { id: 'asc' }, limit });
  },

  async patient(_parent, { id }, { loaders }) {
    const patient = isUuid(id) ? await loaders.patientById.load(id) : null;
    if (!patient) throw notFound('Patient', id);
    return patient;
  },
};
