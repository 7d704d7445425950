import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidv7 } from '../kit/ids';
import { ConsentSchema, ConsentStatusChangeSchema, type ConsentPurpose, type ConsentStatus, type ConsentStatusChange, type HiType } from './entities';

const PURPOSES: ConsentPurpose[] = ['CAREMGT', 'HPAYMT', 'DSRCH'];
const STATUSES: ConsentStatus[] = ['GRANTED', 'GRANTED', 'REVOKED'];
const HI_TYPES: Record<ConsentPurpose, HiType[]> = {
  CAREMGT: ['OPConsultation', 'Prescription', 'DiagnosticReport'],
  HPAYMT: ['OPConsultation', 'DischargeSummary'],
  DSRCH: ['DiagnosticReport'],
  BTG: ['OPConsultation'],
  PUBHLTH: ['ImmunizationRecord'],
  PATRQT: ['HealthDocumentRecord'],
};
const DAY = 86_400_000;
const DEMO_REASON = 'Recorded from the paper consent form (demo data)';

/**
 * One or two consents per patient: to the clinic, and every other patient also to
 * an insurer; each valid for a year from a month ago, with its history. Seeded
 * before the clinic's users exist, so requester and actors are left empty.
 */
export async function seedConsents(em: EntityManager, tenantId: string, clinicName: string, patientIds: string[]): Promise<void> {
  const now = Date.now();
  const history: Omit<ConsentStatusChange, 'id'>[] = [];
  patientIds.forEach((patientId, i) => {
    for (let k = 0; k <= i % 2; k++) {
      const purpose = PURPOSES[(i + k) % 3]!;
      const status = STATUSES[(i + k) % 3]!;
      const requestedAt = new Date(now - 30 * DAY);
      const grantedAt = new Date(now - 29 * DAY);
      const revokedAt = status === 'REVOKED' ? new Date(now - DAY) : null;
      const insurer = k === 1;
      const consent = em.create(ConsentSchema, {
        id: uuidv7(requestedAt.getTime()),
        tenantId,
        patientId,
        purpose,
        requestedBy: null,
        granteeKind: insurer ? 'INSURER' : 'CLINIC',
        granteeInsurerId: insurer ? 'star-health' : null,
        grantee: insurer ? 'Star Health Insurance' : clinicName,
        hiTypes: HI_TYPES[purpose],
        accessMode: 'VIEW',
        dateFrom: requestedAt,
        dateTo: new Date(now + 335 * DAY),
        dataEraseAt: new Date(now + 335 * DAY),
        frequencyUnit: 'DAY',
        frequencyValue: 1,
        frequencyRepeats: 5,
        status,
        grantedAt,
        revokedAt,
        createdAt: requestedAt,
      });
      const changes: [ConsentStatus, Date][] = [['REQUESTED', requestedAt], ['GRANTED', grantedAt]];
      if (revokedAt) changes.push(['REVOKED', revokedAt]);
      for (const [changeStatus, at] of changes) {
        history.push({ tenantId, consentId: consent.id, status: changeStatus, at, actorUserId: null, actorRole: null, reason: changeStatus === 'REQUESTED' ? null : DEMO_REASON });
      }
    }
  });
  // The history rows reference the consents, so the consents go in first.
  await em.flush();
  for (const change of history) em.create(ConsentStatusChangeSchema, change);
  await em.flush();
}
