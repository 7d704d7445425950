import type { Logger } from 'pino';
import { InvoiceSchema } from '../subgraphs/billing/entities';
import { ConsentSchema, type ConsentPurpose, type ConsentStatus } from '../subgraphs/consent/entities';
import { TenantSchema, UserSchema } from '../subgraphs/identity/entities';
import type { SubgraphOrms } from '../subgraphs/kit/database';
import { TENANT_FILTER } from '../subgraphs/kit/orm';
import type { Role } from '../subgraphs/kit/roles';
import { PatientSchema, type Sex } from '../subgraphs/patient/entities';

/** The demo clinics; emails use the reserved `.example` top-level domain. */
export const DEMO_CLINICS = [
  { slug: 'sunrise', name: 'Sunrise Heart Clinic', stateCode: '27' },
  { slug: 'lotus', name: 'Lotus Diabetes Centre', stateCode: '29' },
] as const;

export const PLATFORM_ADMIN_EMAIL = 'admin@platform.cardmetcare.example';
const STAFF_ROLES: Role[] = ['TENANT_ADMIN', 'CLINICIAN', 'PATIENT'];
export const PATIENTS_PER_CLINIC = 20;

export interface DemoLogin {
  clinic: string | null;
  role: Role;
  email: string;
}

const demoEmail = (role: Role, slug: string) => `${role.toLowerCase().replace('_', '-')}@${slug}.example`;

/** Every demo login, as printed by `npm start` and listed in the README. */
export function demoLogins(): DemoLogin[] {
  return [
    { clinic: null, role: 'PLATFORM_ADMIN', email: PLATFORM_ADMIN_EMAIL },
    ...DEMO_CLINICS.flatMap((clinic) => STAFF_ROLES.map((role) => ({ clinic: clinic.name, role, email: demoEmail(role, clinic.slug) }))),
  ];
}

const GIVEN = ['Aarav', 'Diya', 'Ishaan', 'Ananya', 'Kabir', 'Meera', 'Rohan', 'Saanvi', 'Vikram', 'Priya'];
const FAMILY = ['Sharma', 'Iyer', 'Patil', 'Reddy', 'Nair', 'Gupta', 'Kulkarni', 'Menon', 'Das', 'Joshi'];
const SEXES: Sex[] = ['MALE', 'FEMALE', 'MALE', 'FEMALE', 'MALE', 'FEMALE', 'MALE', 'FEMALE', 'MALE', 'FEMALE'];
const PURPOSES: ConsentPurpose[] = ['CAREMGT', 'HPAYMT', 'DSRCH'];
const STATUSES: ConsentStatus[] = ['GRANTED', 'GRANTED', 'REVOKED'];

/** One clinic with a user of each role and `patientCount` patients, each with consents and invoices. */
export async function seedClinic(
  orms: SubgraphOrms,
  clinic: { slug: string; name: string; stateCode: string },
  patientCount: number,
): Promise<{ tenantId: string; patientIds: string[]; users: Record<'TENANT_ADMIN' | 'CLINICIAN' | 'PATIENT', string> }> {
  const identity = orms.identity.em.fork();
  const patientEm = orms.patient.em.fork();
  const consentEm = orms.consent.em.fork();
  const billingEm = orms.billing.em.fork();
  const tenant = identity.create(TenantSchema, { name: clinic.name, stateCode: clinic.stateCode, status: 'ACTIVE' });
  await identity.flush();
  const tenantId = tenant.id;
  const patients = Array.from({ length: patientCount }, (_, i) =>
    patientEm.create(PatientSchema, {
      tenantId,
      name: `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 3 + clinic.name.length) % FAMILY.length]}`,
      dateOfBirth: `${1950 + ((i * 7) % 45)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
      sex: SEXES[i % SEXES.length]!,
    }),
  );
  await patientEm.flush();
  patients.forEach((patient, i) => {
    for (let k = 0; k <= i % 2; k++) {
      consentEm.create(ConsentSchema, {
        tenantId,
        patientId: patient.id,
        purpose: PURPOSES[(i + k) % 3]!,
        grantee: k === 0 ? clinic.name : 'Star Health Insurance',
        status: STATUSES[(i + k) % 3]!,
      });
      billingEm.create(InvoiceSchema, {
        tenantId,
        patientId: patient.id,
        number: `CMC/26-27/${String(i * 2 + k + 1).padStart(5, '0')}`,
        totalPaise: 50_000 + ((i * 7919 + k * 104_729) % 250_000),
        status: 'ISSUED',
      });
    }
  });
  await Promise.all([consentEm.flush(), billingEm.flush()]);
  const users = Object.fromEntries(
    STAFF_ROLES.map((role) => [
      role,
      identity.create(UserSchema, {
        tenantId,
        email: demoEmail(role, clinic.slug),
        name: `Demo ${role.toLowerCase().replace('_', ' ')}`,
        role,
        patientId: role === 'PATIENT' ? (patients[0]?.id ?? null) : null,
      }).email,
    ]),
  ) as Record<'TENANT_ADMIN' | 'CLINICIAN' | 'PATIENT', string>;
  await identity.flush();
  return { tenantId, patientIds: patients.map((p) => p.id), users };
}

/**
 * Seeds the demo clinics once: two clinics, a user of each role per clinic, a
 * platform admin, and 20 patients per clinic with consents and invoices.
 * Returns false when the demo data is already there.
 */
export async function seedDemoData(orms: SubgraphOrms, log: Logger): Promise<boolean> {
  const identity = orms.identity.em.fork();
  const existing = await identity.count(UserSchema, { email: PLATFORM_ADMIN_EMAIL }, { filters: { [TENANT_FILTER]: false } });
  if (existing > 0) return false;
  for (const clinic of DEMO_CLINICS) await seedClinic(orms, clinic, PATIENTS_PER_CLINIC);
  // The platform admin goes in last: its presence marks a complete seed.
  identity.create(UserSchema, { tenantId: null, email: PLATFORM_ADMIN_EMAIL, name: 'Platform Admin', role: 'PLATFORM_ADMIN', patientId: null });
  await identity.flush();
  log.info({ clinics: DEMO_CLINICS.length, patientsPerClinic: PATIENTS_PER_CLINIC }, 'demo data seeded');
  return true;
}
