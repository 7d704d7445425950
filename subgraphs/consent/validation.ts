import { badUserInput } from '../kit/errors';
import type { HiType } from '../kit/consent';
import type { RequestConsentInput } from './__generated__/resolvers';
import type { Consent } from './entities';

const INSURER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_FREQUENCY = 1000;

/** The columns of a consent that a request sets, checked. */
export type ConsentRequestFields = Pick<
  Consent,
  'purpose' | 'granteeKind' | 'granteeInsurerId' | 'hiTypes' | 'accessMode' | 'dateFrom' | 'dateTo' | 'dataEraseAt' | 'frequencyUnit' | 'frequencyValue' | 'frequencyRepeats'
> & { insurerName: string | null };

/**
 * Checks a consent request before anything is read or written; every problem is
 * BAD_USER_INPUT naming the field. Consent must be specific: at least one hiType,
 * a date range in order, and a dataEraseAt in the future, not before the range ends.
 */
export function validConsentRequest(input: RequestConsentInput, now: Date = new Date()): ConsentRequestFields {
  const { grantee, permission } = input;
  let insurerId: string | null = null;
  let insurerName: string | null = null;
  if (grantee.kind === 'INSURER') {
    insurerId = grantee.insurerId?.trim() ?? '';
    if (!INSURER_ID.test(insurerId)) throw badUserInput("grantee.insurerId is required for an INSURER: letters, digits, '.', '_' or '-', at most 64", 'grantee.insurerId');
    insurerName = grantee.insurerName?.trim() ?? '';
    if (insurerName.length < 1 || insurerName.length > 200) throw badUserInput('grantee.insurerName is required for an INSURER: 1 to 200 characters', 'grantee.insurerName');
  } else if (grantee.insurerId != null || grantee.insurerName != null) {
    throw badUserInput('grantee.insurerId and grantee.insurerName are for an INSURER grantee only', grantee.insurerId != null ? 'grantee.insurerId' : 'grantee.insurerName');
  }

  const hiTypes = [...new Set(input.hiTypes)] as HiType[];
  if (hiTypes.length === 0) throw badUserInput('hiTypes must name at least one health information type', 'hiTypes');

  const { from, to } = permission.dateRange;
  if (from.getTime() > to.getTime()) throw badUserInput('permission.dateRange.from must not be after permission.dateRange.to', 'permission.dateRange');
  if (permission.dataEraseAt.getTime() <= now.getTime()) throw badUserInput('permission.dataEraseAt must be in the future', 'permission.dataEraseAt');
  if (permission.dataEraseAt.getTime() < to.getTime()) throw badUserInput('permission.dataEraseAt must not be before permission.dateRange.to', 'permission.dataEraseAt');

  const { unit, value, repeats } = permission.frequency;
  if (!Number.isInteger(value) || value < 1 || value > MAX_FREQUENCY) throw badUserInput(`permission.frequency.value must be 1 to ${MAX_FREQUENCY}`, 'permission.frequency.value');
  if (!Number.isInteger(repeats) || repeats < 0 || repeats > MAX_FREQUENCY) throw badUserInput(`permission.frequency.repeats must be 0 to ${MAX_FREQUENCY}`, 'permission.frequency.repeats');

  return {
    purpose: input.purpose,
    granteeKind: grantee.kind,
    granteeInsurerId: insurerId,
    insurerName,
    hiTypes,
    accessMode: permission.accessMode,
    dateFrom: from,
    dateTo: to,
    dataEraseAt: permission.dataEraseAt,
    frequencyUnit: unit,
    frequencyValue: value,
    frequencyRepeats: repeats,
  };
}

/** A reason as entered: trimmed, 1 to 500 characters, or null when none was given. */
export function validReason(reason: string | null | undefined): string | null {
  if (reason == null) return null;
  const trimmed = reason.trim();
  if (trimmed.length === 0) return null;
  if (trimmed.length > 500) throw badUserInput('reason must be at most 500 characters', 'reason');
  return trimmed;
}
