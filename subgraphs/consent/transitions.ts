import type { CallerAssertion } from '../kit/callerAssertion';
import { effectiveConsentStatus, type ConsentStatus } from '../kit/consent';
import { badUserInput, graphqlError, notFound } from '../kit/errors';
import type { Consent, ConsentActorRole, ConsentStatus as StoredStatus } from './entities';

/** What a patient (or a clinician on their behalf) may decide about a consent. */
export type ConsentDecision = 'grant' | 'deny' | 'withdraw';

/** The one status each decision starts from, and the status it leads to. */
const TRANSITIONS: Record<ConsentDecision, { from: ConsentStatus; to: StoredStatus; verb: string }> = {
  grant: { from: 'REQUESTED', to: 'GRANTED', verb: 'granted' },
  deny: { from: 'REQUESTED', to: 'DENIED', verb: 'denied' },
  withdraw: { from: 'GRANTED', to: 'REVOKED', verb: 'withdrawn' },
};

/**
 * The status a decision leads to, judged on the status the consent reports now
 * (so an expired consent cannot be granted or withdrawn); CONFLICT otherwise.
 */
export function nextConsentStatus(consent: Pick<Consent, 'id' | 'status' | 'dataEraseAt'>, decision: ConsentDecision, now: Date): StoredStatus {
  const current = effectiveConsentStatus(consent, now);
  const transition = TRANSITIONS[decision];
  if (current !== transition.from) {
    throw graphqlError('CONFLICT', `Consent ${consent.id} is ${current} and cannot be ${transition.verb}; only a ${transition.from} consent can`, { status: current });
  }
  return transition.to;
}

/**
 * Who is deciding: the patient themself, or a clinician recording the patient's
 * decision, who must say why (for example "patient signed paper form"). Another
 * patient's consent is NOT_FOUND, as if it did not exist.
 */
export function decidingActor(caller: CallerAssertion, consent: Pick<Consent, 'id' | 'patientId'>, reason: string | null): ConsentActorRole {
  if (caller.roles.includes('PATIENT') && caller.patientId === consent.patientId) return 'PATIENT';
  if (caller.roles.includes('CLINICIAN')) {
    if (reason === null) throw badUserInput("reason is required when clinic staff record the patient's decision", 'reason');
    return 'CLINICIAN';
  }
  throw notFound('Consent', consent.id);
}

/**
 * The instant of a status change: now, but strictly after the consent's previous
 * change, so its history orders by time even when two changes fall in one millisecond.
 */
export function changeInstant(consent: Pick<Consent, 'createdAt' | 'grantedAt'>, now: Date): Date {
  const previous = (consent.grantedAt ?? consent.createdAt).getTime();
  return new Date(Math.max(now.getTime(), previous + 1));
}
