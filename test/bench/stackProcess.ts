/**
 * One benchmark configuration's graph, in a process of its own so that the load
 * generator and the other configuration never share its event loop. Started by
 * `startBenchStack`; reports its gateway URL and a seeded clinic over IPC, stops on SIGTERM.
 */
import pino from 'pino';
import { seedClinic } from '../../gateway/demoData';
import { startStack } from '../../gateway/stack';
import { loadConfig } from '../../subgraphs/kit/config';
import { demoClinic } from '../../subgraphs/identity/demo';
import { runMain, stopOnSignal } from '../../subgraphs/kit/process';
import type { BenchStackReady } from './stack';

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl || !process.send) throw new Error('stackProcess is started by startBenchStack');
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', REDIS_URL: process.env.REDIS_URL, DEV_AUTH: 'on' });
  // Request logs off (warn): the comparison is about the request path, not log volume.
  const log = pino({ level: 'warn', base: undefined });
  const stack = await startStack({ config, databaseUrl, log, ports: 'ephemeral', auditTrail: process.env.BENCH_AUDIT_TRAIL !== 'off' });
  const clinics: BenchStackReady['clinics'] = [];
  for (let i = 1; i <= Number(process.env.BENCH_CLINICS ?? '1'); i++) {
    const { tenantId, users } = await seedClinic(stack.orms, demoClinic(`bench-${i}`, `Bench Heart Clinic ${i}`, '27'), 1, config.dataEncryptionKey);
    clinics.push({ tenantId, users });
  }
  stopOnSignal(() => stack.stop());
  const ready: BenchStackReady = { gatewayUrl: stack.gateway.url, clinics };
  process.send(ready);
  // The parent asks for this process's CPU time around each measured window.
  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ cpuMs: (user + system) / 1000 });
    }
  });
}

runMain(main);
