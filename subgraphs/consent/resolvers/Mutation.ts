import { LockMode } from '@mikro-orm/postgresql';
import { notFound } from '../../kit/errors';
import { isUuid, uuidv7 } from '../../kit/ids';
import type { MutationResolvers } from '../__generated__/resolvers';
import { ConsentSchema, ConsentStatusChangeSchema, type Consent } from '../entities';
import type { Context } from '../loaders';
import { changeInstant, decidingActor, nextConsentStatus, type ConsentDecision } from '../transitions';
import { validConsentRequest, validReason } from '../validation';

/**
 * Applies a patient's decision. The row is locked (`select ... for update`) inside
 * the audit trail's transaction, so of two simultaneous decisions on one consent the
 * second sees the first's outcome: both cannot win, and the history stays a legal path.
 */
async function decide(ctx: Context, id: string, decision: ConsentDecision, rawReason: string | null | undefined): Promise<Consent> {
  const reason = validReason(rawReason);
  const consent = isUuid(id) ? await ctx.em.findOne(ConsentSchema, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!consent) throw notFound('Consent', id);
  const actorRole = decidingActor(ctx.caller, consent, reason);
  const now = new Date();
  consent.status = nextConsentStatus(consent, decision, now);
  const at = changeInstant(consent, now);
  if (consent.status === 'GRANTED') consent.grantedAt = at;
  if (consent.status === 'REVOKED') consent.revokedAt = at;
  ctx.em.create(ConsentStatusChangeSchema, { tenantId: consent.tenantId, consentId: consent.id, status: consent.status, at, actorUserId: ctx.caller.userId, actorRole, reason });
  await ctx.em.flush();
  return consent;
}

export const Mutation: MutationResolvers = {
  async requestConsent(_parent, { input }, { caller, em }) {
    const now = new Date();
    const fields = validConsentRequest(input, now);
    const tenantId = caller.tenantId!;
    // The patient must be one of the caller's clinic; another clinic's patient is not found.
    const patients = isUuid(input.patientId)
      ? ((await em.execute('select 1 from patient.patient where tenant_id = ? and id = ?', [tenantId, input.patientId])) as unknown[])
      : [];
    if (patients.length === 0) throw notFound('Patient', input.patientId);
    const [clinic] = (await em.execute('select name from identity.tenant where id = ?', [tenantId])) as { name: string }[];
    const { insurerName, ...columns } = fields;
    // The id is set here, not at flush, because the history row references it.
    const consent = em.create(ConsentSchema, {
      ...columns,
      id: uuidv7(),
      tenantId,
      patientId: input.patientId,
      requestedBy: caller.userId,
      grantee: insurerName ?? clinic!.name,
      status: 'REQUESTED',
      grantedAt: null,
      revokedAt: null,
      createdAt: now,
    });
    // Two flushes: the history row's foreign key needs the consent row first.
    await em.flush();
    const requesterRole = caller.roles.includes('CLINICIAN') ? 'CLINICIAN' : 'TENANT_ADMIN';
    em.create(ConsentStatusChangeSchema, { tenantId, consentId: consent.id, status: 'REQUESTED', at: now, actorUserId: caller.userId, actorRole: requesterRole, reason: null });
    await em.flush();
    return consent;
  },

  grantConsent: (_parent, { id, reason }, ctx) => decide(ctx, id, 'grant', reason),
  denyConsent: (_parent, { id, reason }, ctx) => decide(ctx, id, 'deny', reason),
  withdrawConsent: (_parent, { id, reason }, ctx) => decide(ctx, id, 'withdraw', reason),
};
