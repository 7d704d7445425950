import type { EntityManager } from '@mikro-orm/postgresql';
import { ConsentSchema, type ConsentPurpose, type ConsentStatus } from './entities';

const PURPOSES: ConsentPurpose[] = ['CAREMGT', 'HPAYMT', 'DSRCH'];
const STATUSES: ConsentStatus[] = ['GRANTED', 'GRANTED', 'REVOKED'];

/** One or two consents per patient: to the clinic, and every other patient also to an insurer. */
export async function seedConsents(em: EntityManager, tenantId: string, clinicName: string, patientIds: string[]): Promise<void> {
  patientIds.forEach((patientId, i) => {
    for (let k = 0; k <= i % 2; k++) {
      em.create(ConsentSchema, {
        tenantId,
        patientId,
        purpose: PURPOSES[(i + k) % 3]!,
        grantee: k === 0 ? clinicName : 'Star Health Insurance',
        status: STATUSES[(i + k) % 3]!,
      });
    }
  });
  await em.flush();
}
