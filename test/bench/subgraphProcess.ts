/**
 * The dashboard bench's five subgraphs in one process (migrated, one clinic seeded
 * with BENCH_PATIENTS patients), shared by every gateway configuration. Started by
 * `startBenchChild`; reports the subgraphs' URLs, the clinic and its clinician as a caller.
 */
import pino from 'pino';
import { seedClinic } from '../../gateway/demoData';
import { subgraphDefinitions } from '../../subgraphs';
import { demoClinic } from '../../subgraphs/identity/demo';
import { UserSchema } from '../../subgraphs/identity/entities';
import type { Caller } from '../../subgraphs/kit/callerAssertion';
import { loadConfig } from '../../subgraphs/kit/config';
import { closeAll, migrateAll, openSubgraphOrms } from '../../subgraphs/kit/database';
import { TENANT_FILTER } from '../../subgraphs/kit/orm';
import { runMain, stopOnSignal } from '../../subgraphs/kit/process';
import { openStore } from '../../subgraphs/kit/store';
import type { SubgraphName } from '../../subgraphs/kit/subgraphs';
import { startSubgraphServer } from '../../subgraphs/kit/subgraphServer';
import { systemClock } from '../../subgraphs/kit/clock';
import { answerUsage } from './child';

export interface SubgraphsReady {
  subgraphUrls: Record<SubgraphName, string>;
  slug: string;
  clinicianEmail: string;
  /** The clinician as the gateway would vouch for them (no session). */
  clinician: Caller;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl || !process.send) throw new Error('subgraphsProcess is started by startBenchChild');
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const log = pino({ level: 'warn', base: undefined });
  const orms = await openSubgraphOrms(subgraphDefinitions, databaseUrl);
  await migrateAll(subgraphDefinitions, orms, log);
  const store = await openStore(config.redisUrl, log, config.redisPrefix);
  const running = await Promise.all(
    subgraphDefinitions.map((definition) =>
      startSubgraphServer(definition, {
        orm: orms[definition.name],
        signingKey: config.internalSigningKey,
        dependencies: { config, store, clock: systemClock, log },
        log,
        port: 0,
      }),
    ),
  );
  const slug = 'bench-dashboard';
  const { users } = await seedClinic(orms, demoClinic(slug, 'Bench Dashboard Clinic', '27'), Number(process.env.BENCH_PATIENTS ?? '50'), config.dataEncryptionKey);
  const user = await orms.identity.em.fork().findOneOrFail(UserSchema, { email: users.CLINICIAN }, { filters: { [TENANT_FILTER]: false } });
  stopOnSignal(async () => {
    await Promise.all(running.map((s) => s.close()));
    await store.close();
    await closeAll(orms);
  });
  const ready: SubgraphsReady = {
    subgraphUrls: Object.fromEntries(running.map((s) => [s.name, s.url])) as Record<SubgraphName, string>,
    slug,
    clinicianEmail: users.CLINICIAN,
    clinician: { userId: user.id, tenantId: user.tenantId, tenantActive: true, roles: [user.role], patientId: null, sessionId: null, clientId: null },
  };
  process.send(ready);
  answerUsage();
}

runMain(main);
