import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** What a started benchmark stack reports: where its gateway listens and whom it seeded. */
export interface BenchStackReady {
  gatewayUrl: string;
  /** The seeded clinics, each with the sign-in emails of its users by role. */
  clinics: { tenantId: string; users: Record<'TENANT_ADMIN' | 'CLINICIAN' | 'PATIENT', string> }[];
}

export interface BenchStack extends BenchStackReady {
  /** CPU time the stack's process has used so far (gateway and subgraphs; not PostgreSQL), in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the whole graph (migrations applied) in a child
 * process on `databaseUrl`, with the audit trail on or off, and `clinics` clinics seeded.
 */
export async function startBenchStack(options: { databaseUrl: string; auditTrail: boolean; clinics: number }): Promise<BenchStack> {
  const child: ChildProcess = fork(join(__dirname, 'stackProcess.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_DATABASE_URL: options.databaseUrl, BENCH_AUDIT_TRAIL: options.auditTrail ? 'on' : 'off', BENCH_CLINICS: String(options.clinics) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<BenchStackReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as BenchStackReady));
    child.once('exit', (code) => reject(new Error(`benchmark stack exited (${code}) before it was ready`)));
  });
  return {
    ...ready,
    cpuMs: () =>
      new Promise<number>((resolve) => {
        child.once('message', (message) => resolve((message as { cpuMs: number }).cpuMs));
        child.send('cpu');
      }),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
