/**
 * `npm run bench -- dashboard`: the clinic dashboard query (50 patients with their
 * latest observations, granted consents and last invoice), measured alternately
 * in one run on the same subgraphs and supergraph:
 *   full gateway   the real gateway: session cookie from `login`, shield, limits (raised), audit on;
 *   bare gateway   @apollo/gateway + @apollo/server standalone with their defaults;
 *   patient only   the patient subgraph alone, the dashboard's patient fields (the floor).
 * Each gateway and each of the five subgraphs run in a process of their own, as
 * docker-compose.yml runs them; peak RSS and CPU per request are the gateway process's
 * (the patient subgraph's for patient only), and every subgraph's CPU per request is
 * reported beside them. Needs REDIS_URL: the identity subgraph keeps sessions where
 * the full gateway reads them.
 *
 *   npm run bench -- dashboard --connections 50 --warmup 5 --duration 15 --rounds 3
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CALLER_ASSERTION_HEADER, signCallerAssertion } from '../../subgraphs/kit/callerAssertion';
import { signIn } from '../support/sessions';
import { graphql } from '../support/stack';
import { subgraphDefinitions } from '../../subgraphs';
import type { SubgraphName } from '../../subgraphs/kit/subgraphs';
import { startBenchChild, type BenchChild } from './child';
import { seedDashboardDatabase } from './dashboardDatabase';
import { DASHBOARD_PAGE, DASHBOARD_QUERY, PATIENT_ONLY_DASHBOARD_QUERY } from './dashboardQuery';
import { openBenchPostgres } from './postgres';
import { runBench, type BenchConfiguration } from './runner';
import type { SubgraphReady } from './subgraphProcess';

/** The full gateway's throughput over the bare one's (issue target). */
const TARGET_THROUGHPUT_RATIO = 1.2;
const LIMIT_NOT_TRIPPED = '1000000000';

/** One request, checked: every configuration must answer the whole page without errors. */
async function checkAnswers(name: string, url: string, query: string, headers: Record<string, string>): Promise<void> {
  const { body } = await graphql(url, query, { first: DASHBOARD_PAGE }, headers);
  if (body.errors || body.data?.patients?.length !== DASHBOARD_PAGE) throw new Error(`${name} does not answer the dashboard: ${JSON.stringify(body).slice(0, 500)}`);
  if (query === DASHBOARD_QUERY && !body.data.patients.every((p: { lastInvoice: unknown; latest: unknown[] }) => p.lastInvoice && p.latest.length > 0)) {
    throw new Error(`${name} answers the dashboard without invoices or observations`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '50' },
      // Long enough for the previous configuration's requests still in flight to drain.
      warmup: { type: 'string', default: '10' },
      duration: { type: 'string', default: '15' },
      rounds: { type: 'string', default: '3' },
    },
  });
  if (!process.env.REDIS_URL) throw new Error('the dashboard bench needs REDIS_URL (sessions are shared between the identity subgraph and the gateway)');
  const postgres = await openBenchPostgres();
  const children: BenchChild<unknown>[] = [];
  try {
    const databaseUrl = await postgres.createDatabase('dashboard');
    // One key for every process, and a Redis prefix of this run's own.
    const env = {
      // As docker-compose.yml and the Dockerfile run them: libraries take their production
      // paths (graphql-js skips its development checks). Configuration is still read as a test run's.
      NODE_ENV: 'production',
      BENCH_DATABASE_URL: databaseUrl,
      INTERNAL_SIGNING_KEY: randomBytes(32).toString('base64'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      REDIS_PREFIX: `cmc-bench-${randomUUID().slice(0, 8)}:`,
      OPERATION_LIMIT_PER_SESSION: LIMIT_NOT_TRIPPED,
      OPERATION_LIMIT_PER_TENANT: LIMIT_NOT_TRIPPED,
    };
    const clinic = await seedDashboardDatabase(databaseUrl, env, DASHBOARD_PAGE);
    const { clinician } = clinic;
    const subgraphs = await Promise.all(subgraphDefinitions.map((d) => startBenchChild<SubgraphReady>('subgraphProcess.ts', { ...env, BENCH_SUBGRAPH: d.name })));
    children.push(...subgraphs);
    const subgraphUrls = Object.fromEntries(subgraphs.map((s) => [s.ready.name, s.ready.url])) as Record<SubgraphName, string>;
    const patient = subgraphs.find((s) => s.ready.name === 'patient')!;
    // Every subgraph's CPU so far, their sum, and PostgreSQL's for this database: one read per process, in parallel.
    const subgraphsCpuMs = async () => {
      const [used, postgresMs] = await Promise.all([
        Promise.all(subgraphs.map(async (s) => [s.ready.name, await s.cpuMs()] as const)),
        postgres.backendCpuMs(databaseUrl),
      ]);
      return { ...Object.fromEntries(used), subgraphs: used.reduce((sum, [, ms]) => sum + ms, 0), ...(postgresMs !== null ? { postgres: postgresMs } : {}) };
    };
    const gatewayEnv = { ...env, BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphUrls), BENCH_CALLER: JSON.stringify(clinician) };
    const full = await startBenchChild<{ url: string }>('gatewayProcess.ts', { ...gatewayEnv, BENCH_GATEWAY: 'full' });
    children.push(full);
    const bare = await startBenchChild<{ url: string }>('gatewayProcess.ts', { ...gatewayEnv, BENCH_GATEWAY: 'bare' });
    children.push(bare);

    const { cookie } = await signIn(full.ready.url, clinic.slug, clinic.clinicianEmail);
    if (!cookie) throw new Error('login through the full gateway set no session cookie');
    // The floor's assertion, renewed well inside its 60 s lifetime; each window reads the current one.
    const signingKey = new TextEncoder().encode(env.INTERNAL_SIGNING_KEY);
    let assertion = '';
    const renew = async () => {
      assertion = await signCallerAssertion(signingKey, 'patient', { ...clinician, requestId: 'bench-patient-only', clientIp: '127.0.0.1', userAgent: 'bench' }, 60);
    };
    await renew();
    const timer = setInterval(() => void renew(), 15_000);

    const dashboardBody = JSON.stringify({ query: DASHBOARD_QUERY, variables: { first: DASHBOARD_PAGE } });
    const json = { 'content-type': 'application/json' };
    const configurations: BenchConfiguration[] = [
      { name: 'full gateway', request: { url: full.ready.url, headers: { ...json, cookie }, body: dashboardBody }, serverCpuMs: full.cpuMs, serverPeakRssMb: full.peakRssMb, processCpuMs: subgraphsCpuMs },
      { name: 'bare gateway', request: { url: bare.ready.url, headers: json, body: dashboardBody }, serverCpuMs: bare.cpuMs, serverPeakRssMb: bare.peakRssMb, processCpuMs: subgraphsCpuMs },
      {
        name: 'patient only',
        get request() {
          return { url: subgraphUrls.patient, headers: { ...json, [CALLER_ASSERTION_HEADER]: assertion }, body: JSON.stringify({ query: PATIENT_ONLY_DASHBOARD_QUERY, variables: { first: DASHBOARD_PAGE } }) };
        },
        serverCpuMs: patient.cpuMs,
        serverPeakRssMb: patient.peakRssMb,
        processCpuMs: subgraphsCpuMs,
      },
    ];
    await checkAnswers('full gateway', full.ready.url, DASHBOARD_QUERY, { cookie });
    await checkAnswers('bare gateway', bare.ready.url, DASHBOARD_QUERY, {});
    await checkAnswers('patient only', subgraphUrls.patient, PATIENT_ONLY_DASHBOARD_QUERY, { [CALLER_ASSERTION_HEADER]: assertion });
    try {
      const report = await runBench({
        name: 'dashboard',
        description: `the clinic dashboard (${DASHBOARD_PAGE} patients: latest observations, granted consents, last invoice)`,
        configurations,
        connections: Number(values.connections),
        warmupSeconds: Number(values.warmup),
        durationSeconds: Number(values.duration),
        rounds: Number(values.rounds),
        timeoutSeconds: 60,
        environment: {
          patients: DASHBOARD_PAGE,
          postgres: postgres.version,
          database: postgres.source,
          redis: 'REDIS_URL',
          processUnderTest: 'peak RSS and CPU per request: full and bare gateway, the gateway process; patient only, the patient subgraph process',
          subgraphProcesses: 'one process per subgraph (as docker-compose.yml); processCpuMsPerRequest: each subgraph process, their sum (subgraphs), and the PostgreSQL backends of the bench database (postgres)',
        },
      });
      // The gateways must still answer correctly after the load (no half-broken pools).
      await checkAnswers('full gateway', full.ready.url, DASHBOARD_QUERY, { cookie });
      await checkAnswers('bare gateway', bare.ready.url, DASHBOARD_QUERY, {});
      const throughput = report.ratios[0]!.throughput;
      console.log(`full / bare throughput ${throughput}x is ${throughput >= TARGET_THROUGHPUT_RATIO ? 'at or above' : 'below'} the ${TARGET_THROUGHPUT_RATIO}x target; full / patient only ${report.ratios[1]!.throughput}x`);
    } finally {
      clearInterval(timer);
    }
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const child of children.reverse()) await child.stop();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
