import pino from 'pino';
import { seedClinic } from '../../gateway/demoData';
import { subgraphDefinitions } from '../../subgraphs';
import { demoClinic } from '../../subgraphs/identity/demo';
import { UserSchema } from '../../subgraphs/identity/entities';
import type { Caller } from '../../subgraphs/kit/callerAssertion';
import { loadConfig } from '../../subgraphs/kit/config';
import { closeAll, migrateAll, openSubgraphOrms, provisionServiceLogin, serviceDatabaseUrl } from '../../subgraphs/kit/database';
import { TENANT_FILTER } from '../../subgraphs/kit/orm';

/** The clinic the dashboard bench loads, and its clinician. */
export interface DashboardClinic {
  slug: string;
  clinicianEmail: string;
  /** The clinician as the gateway would vouch for them (no session). */
  clinician: Caller;
}

/**
 * Migrates every subgraph's schema on the bench's fresh database as the owner, sets up
 * the services' login (the processes log in as `serviceDatabaseUrl`), and seeds one clinic
 * with `patients` patients (with the demo data's observations, consents and invoices),
 * before any subgraph process starts. `env` carries the run's keys (the data
 * encryption key seals the patients' identifiers as the subgraphs will open them).
 */
export async function seedDashboardDatabase(databaseUrl: string, env: Record<string, string>, patients: number): Promise<DashboardClinic> {
  const config = loadConfig({ ...process.env, ...env, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const log = pino({ level: 'warn', base: undefined });
  const orms = await openSubgraphOrms(subgraphDefinitions, databaseUrl);
  try {
    await migrateAll(subgraphDefinitions, orms, log);
    await provisionServiceLogin(orms.identity, serviceDatabaseUrl({ databaseUrl }), log);
    const slug = 'bench-dashboard';
    const { users } = await seedClinic(orms, demoClinic(slug, 'Bench Dashboard Clinic', '27'), patients, config.dataEncryptionKey);
    const user = await orms.identity.em.fork().findOneOrFail(UserSchema, { email: users.CLINICIAN }, { filters: { [TENANT_FILTER]: false } });
    return {
      slug,
      clinicianEmail: users.CLINICIAN,
      clinician: { userId: user.id, tenantId: user.tenantId, tenantActive: true, roles: [user.role], patientId: null, sessionId: null, clientId: null },
    };
  } finally {
    await closeAll(orms);
  }
}
