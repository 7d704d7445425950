import { badUserInput } from './errors';
import { isUuid } from './ids';

export const MAX_PAGE_SIZE = 100;

/** Validates `first` (1..100) and the `after` cursor (an id from the previous page). */
export function keysetPage(first: number, after: string | null | undefined): { limit: number; afterId: string | null } {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  if (after != null && !isUuid(after)) throw badUserInput('after must be an id from the previous page', 'after');
  return { limit: first, afterId: after ?? null };
}
