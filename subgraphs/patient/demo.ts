import type { EntityManager } from '@mikro-orm/postgresql';
import { PatientSchema, type Sex } from './entities';

const GIVEN = ['Aarav', 'Diya', 'Ishaan', 'Ananya', 'Kabir', 'Meera', 'Rohan', 'Saanvi', 'Vikram', 'Priya'];
const FAMILY = ['Sharma', 'Iyer', 'Patil', 'Reddy', 'Nair', 'Gupta', 'Kulkarni', 'Menon', 'Das', 'Joshi'];
const SEXES: Sex[] = ['MALE', 'FEMALE'];

/** `count` made-up patients of a clinic; `salt` varies the names between clinics. Returns their ids in order. */
export async function seedPatients(em: EntityManager, tenantId: string, count: number, salt: number): Promise<string[]> {
  const patients = Array.from({ length: count }, (_, i) =>
    em.create(PatientSchema, {
      tenantId,
      name: `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 3 + salt) % FAMILY.length]}`,
      dateOfBirth: `${1950 + ((i * 7) % 45)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      sex: SEXES[i % SEXES.length]!,
    }),
  );
  await em.flush();
  return patients.map((patient) => patient.id);
}
