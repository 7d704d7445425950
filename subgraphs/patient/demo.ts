import type { EntityManager } from '@mikro-orm/postgresql';
import { FieldEncryption } from '../kit/fieldEncryption';
import { uuidv7 } from '../kit/ids';
import { ObservationSchema, PatientSchema, type Sex } from './entities';
import { sealedIdentifiers } from './sealedIdentifiers';

const GIVEN = ['Aarav', 'Diya', 'Ishaan', 'Ananya', 'Kabir', 'Meera', 'Rohan', 'Saanvi', 'Vikram', 'Priya'];
const FAMILY = ['Sharma', 'Iyer', 'Patil', 'Reddy', 'Nair', 'Gupta', 'Kulkarni', 'Menon', 'Das', 'Joshi'];
const SEXES: Sex[] = ['MALE', 'FEMALE'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Made-up contact details. ABHA numbers start 00-0000, which ABDM never issues
 * (real ones begin with 91), so none can belong to anyone; phones are all in the
 * one made-up block +91 90000 0xxxx.
 */
const demoPhone = (i: number, salt: number) => `+9190000${String((salt * 1000 + i) % 100000).padStart(5, '0')}`;
const demoAbhaNumber = (i: number, salt: number) => `000000${String(salt % 10000).padStart(4, '0')}${String(i).padStart(4, '0')}`;

/**
 * `count` made-up patients of a clinic with a few months of observations each;
 * `salt` varies the names between clinics. Returns their ids in order.
 * `dataEncryptionKey` must be the running patient subgraph's, which opens the sealed fields.
 */
export async function seedPatients(em: EntityManager, tenantId: string, count: number, salt: number, dataEncryptionKey: Uint8Array): Promise<string[]> {
  const sealed = sealedIdentifiers(new FieldEncryption(dataEncryptionKey));
  const now = Date.now();
  const patients = Array.from({ length: count }, (_, i) => {
    const given = GIVEN[i % GIVEN.length]!;
    const patient = em.create(PatientSchema, {
      id: uuidv7(),
      tenantId,
      name: `${given} ${FAMILY[(i * 3 + salt) % FAMILY.length]}`,
      dateOfBirth: `${1950 + ((i * 7) % 45)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      sex: SEXES[i % SEXES.length]!,
      phoneEncrypted: null, phoneHash: null, abhaNumberEncrypted: null, abhaNumberHash: null,
      email: `${given.toLowerCase()}.${salt}.${i}@patients.example`,
      abhaAddress: `${given.toLowerCase()}.demo${salt}${i}@sbx`,
      address: `${i + 1} Demo Street, Demo Nagar`,
      stateCode: i % 2 === 0 ? '27' : '29',
    });
    sealed.assign(patient, 'phone', demoPhone(i, salt));
    sealed.assign(patient, 'abhaNumber', demoAbhaNumber(i, salt));
    return patient;
  });
  // Observations reference their patient by (tenant_id, patient_id) with no ORM relation, so the patients go in first.
  await em.flush();
  patients.forEach((patient, i) => {
    for (const [monthsAgo, reading] of [[3, 0], [0, 1]] as const) {
      const takenAt = new Date(now - (monthsAgo * 30 + 1) * DAY_MS - i * 60_000);
      const observation = (kind: 'BLOOD_PRESSURE' | 'HBA1C' | 'FASTING_GLUCOSE' | 'LDL' | 'WEIGHT', value: string, unit: string, diastolic: string | null = null) =>
        em.create(ObservationSchema, { tenantId, patientId: patient.id, kind, value, diastolic, unit, takenAt });
      observation('BLOOD_PRESSURE', String(150 - reading * 12 + (i % 9)), 'mmHg', String(92 - reading * 6 + (i % 5)));
      observation('HBA1C', `${8 - reading}.${i % 10}`, '%');
      observation('FASTING_GLUCOSE', String(160 - reading * 30 + (i % 11)), 'mg/dL');
      observation('LDL', String(140 - reading * 25 + (i % 13)), 'mg/dL');
      observation('WEIGHT', `${70 + (i % 20) - reading}.${i % 10}`, 'kg');
    }
  });
  await em.flush();
  return patients.map((patient) => patient.id);
}
