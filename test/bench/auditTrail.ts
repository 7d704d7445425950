/**
 * `npm run bench`: what the audit trail costs a mutation. The same `createPatient`
 * through the gateway, signed in as a clinician, against two stacks that differ
 * only in the audit plugin (on, off), measured alternately in one run.
 *
 *   npm run bench -- --connections 10 --clinics 1 --warmup 5 --duration 15 --rounds 3
 */
import { parseArgs } from 'node:util';
import { openBenchPostgres, type BenchPostgres } from './postgres';
import { runBench, type BenchConfiguration } from './runner';
import { startBenchStack, type BenchStack } from './stack';

/** The latency the audit trail may add to a mutation (issue target): 1.15x. */
const TARGET_LATENCY_RATIO = 1.15;

const CREATE_PATIENT = JSON.stringify({
  query: 'mutation($input: CreatePatientInput!) { createPatient(input: $input) { id } }',
  variables: { input: { name: 'Benchmark Patient', dateOfBirth: '1971-03-14', sex: 'FEMALE' } },
});

/**
 * Every 2xx of a window must have registered a patient (a GraphQL error answers
 * 200 too), and with the audit trail on every patient has its event, with it off none.
 */
async function windowCheck(postgres: BenchPostgres, databaseUrl: string, auditTrail: boolean): Promise<BenchConfiguration['checkWindow']> {
  // One statement, one snapshot: a patient and its event commit together or not at all.
  const count = async () =>
    (await postgres.query<{ patients: number; events: number }>(
      databaseUrl,
      `select (select count(*)::int from patient.patient) as patients,
              (select count(*)::int from audit.audit_event where action = 'patient.create') as events`,
    ))[0]!;
  const seeded = await count();
  let patientsBefore = seeded.patients;
  return async (window) => {
    const { patients, events } = await count();
    // Includes the warm-up's patients: a lower bound on the window's work is all that is claimed.
    if (patients - patientsBefore < window.ok) throw new Error(`${window.configuration}: ${window.ok} responses but only ${patients - patientsBefore} patients registered`);
    const expectedEvents = auditTrail ? patients - seeded.patients : 0;
    if (events !== expectedEvents) throw new Error(`${window.configuration}: ${events} audit events for ${patients - seeded.patients} registered patients`);
    patientsBefore = patients;
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '10' },
      // Each clinic has its own hash chain; 1 puts every write on one chain (the worst case).
      clinics: { type: 'string', default: '1' },
      warmup: { type: 'string', default: '5' },
      duration: { type: 'string', default: '15' },
      rounds: { type: 'string', default: '3' },
    },
  });
  const postgres = await openBenchPostgres();
  const stacks: BenchStack[] = [];
  try {
    const configurations: BenchConfiguration[] = [];
    for (const auditTrail of [true, false]) {
      const databaseUrl = await postgres.createDatabase(auditTrail ? 'audit_on' : 'audit_off');
      const stack = await startBenchStack({ databaseUrl, auditTrail, clinics: Number(values.clinics) });
      stacks.push(stack);
      configurations.push({
        name: auditTrail ? 'audit on' : 'audit off',
        request: {
          url: stack.gatewayUrl,
          headers: { 'content-type': 'application/json' },
          headerCycle: stack.clinics.map((clinic) => ({ authorization: `Bearer dev:${clinic.users.CLINICIAN}` })),
          body: CREATE_PATIENT,
        },
        checkWindow: await windowCheck(postgres, databaseUrl, auditTrail),
        serverCpuMs: () => stack.cpuMs(),
      });
    }
    const report = await runBench({
      name: 'auditTrail',
      description: 'createPatient through the gateway as a clinician, audit trail on vs off',
      configurations,
      connections: Number(values.connections),
      warmupSeconds: Number(values.warmup),
      durationSeconds: Number(values.duration),
      rounds: Number(values.rounds),
      environment: { clinics: Number(values.clinics), postgres: postgres.version, database: postgres.source, redis: process.env.REDIS_URL ? 'REDIS_URL' : 'in-process store' },
    });
    const verdict = report.ratio.latencyMean <= TARGET_LATENCY_RATIO ? 'within' : 'above';
    console.log(`mean latency ratio ${report.ratio.latencyMean}x is ${verdict} the ${TARGET_LATENCY_RATIO}x target`);
  } finally {
    // Let requests still in flight when the last window closed finish before the servers stop.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const stack of stacks) await stack.stop();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
