import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { makeGstin } from '../kit/gst';
import type { Role } from '../kit/roles';
import { hashPassword } from './auth/passwords';
import { TenantSchema, UserSchema } from './entities';

/** Every demo user's password: made-up data only, printed by `npm start` and listed in the README. */
export const DEMO_PASSWORD = 'teal-ledger-monsoon-42';

let demoHash: Promise<string> | null = null;
/** The demo password's hash, computed once per process (Argon2id is slow on purpose). */
export const demoPasswordHash = () => (demoHash ??= hashPassword(DEMO_PASSWORD));

/** A clinic as the demo data and the tests register it. */
export interface DemoClinic {
  slug: string;
  name: string;
  stateCode: string;
  address: string;
  gstin: string;
  hfrFacilityId: string;
}

export type ClinicRole = 'TENANT_ADMIN' | 'CLINICIAN' | 'PATIENT';
export const CLINIC_ROLES: ClinicRole[] = ['TENANT_ADMIN', 'CLINICIAN', 'PATIENT'];

/** A demo user's email: `<role>@<slug>.example` (the reserved `.example` domain). */
export const demoEmail = (role: Role, slug: string) => `${role.toLowerCase().replace('_', '-')}@${slug}.example`;

/** A clinic with a GSTIN and HFR ID derived from its slug: valid, and unique per slug. */
export function demoClinic(slug: string, name: string, stateCode: string, address = `1 Demo Road, ${name}`): DemoClinic {
  const digest = createHash('sha256').update(slug).digest();
  const letters = Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26)));
  const digits = digest.readUInt32BE(8).toString().padStart(10, '0').slice(-10);
  const pan = `${letters.slice(0, 5).join('')}${digits.slice(0, 4)}${letters[5]}`;
  return { slug, name, stateCode, address, gstin: makeGstin(stateCode, pan), hfrFacilityId: `IN${stateCode}${digits.slice(0, 8)}` };
}

/** Registers the clinic, already verified (demo and test clinics skip the review queue). */
export async function seedTenant(em: EntityManager, clinic: DemoClinic): Promise<string> {
  const tenant = em.create(TenantSchema, { ...clinic, status: 'ACTIVE' });
  await em.flush();
  return tenant.id;
}

/** One user of each clinic role; the PATIENT user is the data principal of `patientId`. */
export async function seedClinicUsers(
  em: EntityManager,
  tenantId: string,
  slug: string,
  patientId: string | null,
): Promise<Record<ClinicRole, string>> {
  const passwordHash = await demoPasswordHash();
  const users = Object.fromEntries(
    CLINIC_ROLES.map((role) => [
      role,
      em.create(UserSchema, {
        tenantId,
        email: demoEmail(role, slug),
        name: `Demo ${role.toLowerCase().replace('_', ' ')}`,
        role,
        patientId: role === 'PATIENT' ? patientId : null,
        passwordHash,
      }).email,
    ]),
  ) as Record<ClinicRole, string>;
  await em.flush();
  return users;
}
