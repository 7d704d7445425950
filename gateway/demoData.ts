import type { Logger } from 'pino';
import { seedInvoices } from '../subgraphs/billing/demo';
import { seedConsents } from '../subgraphs/consent/demo';
import { CLINIC_ROLES, demoClinic, demoEmail, demoPasswordHash, seedClinicUsers, seedTenant, type ClinicRole, type DemoClinic } from '../subgraphs/identity/demo';
import { UserSchema } from '../subgraphs/identity/entities';
import type { SubgraphOrms } from '../subgraphs/kit/database';
import { TENANT_FILTER } from '../subgraphs/kit/orm';
import type { Role } from '../subgraphs/kit/roles';
import { seedPatients } from '../subgraphs/patient/demo';

/** The demo clinics; emails use the reserved `.example` top-level domain. */
export const DEMO_CLINICS: DemoClinic[] = [
  demoClinic('sunrise', 'Sunrise Heart Clinic', '27', '12 Linking Road, Bandra West, Mumbai 400050'),
  demoClinic('lotus', 'Lotus Diabetes Centre', '29', '45 Residency Road, Bengaluru 560025'),
];

export const PLATFORM_ADMIN_EMAIL = 'admin@platform.cardmetcare.example';
export const PATIENTS_PER_CLINIC = 20;

export interface DemoLogin {
  clinic: string | null;
  /** The `tenant` argument of `login`: the clinic's slug, null for the platform admin. */
  slug: string | null;
  role: Role;
  email: string;
}

/** Every demo login, as printed by `npm start` and listed in the README. */
export function demoLogins(): DemoLogin[] {
  return [
    { clinic: null, slug: null, role: 'PLATFORM_ADMIN', email: PLATFORM_ADMIN_EMAIL },
    ...DEMO_CLINICS.flatMap((clinic) => CLINIC_ROLES.map((role) => ({ clinic: clinic.name, slug: clinic.slug, role, email: demoEmail(role, clinic.slug) }))),
  ];
}

/**
 * One clinic with a user of each role and `patientCount` patients, each with
 * consents and invoices. Each subgraph seeds its own rows (`subgraphs/<name>/demo.ts`).
 * `dataEncryptionKey` is the running stack's (config.dataEncryptionKey): it seals the patients' identifiers.
 */
export async function seedClinic(
  orms: SubgraphOrms,
  clinic: DemoClinic,
  patientCount: number,
  dataEncryptionKey: Uint8Array,
): Promise<{ tenantId: string; patientIds: string[]; users: Record<ClinicRole, string> }> {
  const tenantId = await seedTenant(orms.identity.em.fork(), clinic);
  const patientIds = await seedPatients(orms.patient.em.fork(), tenantId, patientCount, clinic.name.length, dataEncryptionKey);
  await Promise.all([
    seedConsents(orms.consent.em.fork(), tenantId, clinic.name, patientIds),
    seedInvoices(orms.billing.em.fork(), tenantId, patientIds),
  ]);
  const users = await seedClinicUsers(orms.identity.em.fork(), tenantId, clinic.slug, patientIds[0] ?? null);
  return { tenantId, patientIds, users };
}

/**
 * Seeds the demo clinics once: two clinics, a user of each role per clinic, a
 * platform admin, and 20 patients per clinic with consents and invoices.
 * Returns false when the demo data is already there.
 */
export async function seedDemoData(orms: SubgraphOrms, log: Logger, dataEncryptionKey: Uint8Array): Promise<boolean> {
  const identity = orms.identity.em.fork();
  const existing = await identity.count(UserSchema, { email: PLATFORM_ADMIN_EMAIL }, { filters: { [TENANT_FILTER]: false } });
  if (existing > 0) return false;
  for (const clinic of DEMO_CLINICS) await seedClinic(orms, clinic, PATIENTS_PER_CLINIC, dataEncryptionKey);
  // The platform admin goes in last: its presence marks a complete seed.
  identity.create(UserSchema, { tenantId: null, email: PLATFORM_ADMIN_EMAIL, name: 'Platform Admin', role: 'PLATFORM_ADMIN', patientId: null, passwordHash: await demoPasswordHash() });
  await identity.flush();
  log.info({ clinics: DEMO_CLINICS.length, patientsPerClinic: PATIENTS_PER_CLINIC }, 'demo data seeded');
  return true;
}
