import { fork, type ChildProcess } from 'node:child_process';
import { basename, join } from 'node:path';

/** A benchmark process: what it reported when ready, and its resource use on demand. */
export interface BenchChild<Ready> {
  ready: Ready;
  /** CPU time the process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** The process's peak resident set so far, in MiB. */
  peakRssMb(): Promise<number>;
  stop(): Promise<void>;
}

/** What a benchmark process answers to 'usage'. */
export interface BenchUsage {
  cpuMs: number;
  peakRssMb: number;
}

/**
 * With BENCH_CPU_PROF_DIR set, every benchmark process writes a V8 CPU profile
 * there when it stops (`<script>[-<subgraph or gateway>]-<start time>.cpuprofile`, for Chrome DevTools).
 */
function profilingArgs(script: string, env: Record<string, string>): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return [];
  const label = [basename(script, '.ts'), env.BENCH_SUBGRAPH ?? env.BENCH_GATEWAY].filter(Boolean).join('-');
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`];
}

/**
 * Starts `script` (a file of test/bench/) in a process of its own, so that the load
 * generator and each configuration never share an event loop; resolves with the
 * message it sends when ready. It answers 'usage' with a BenchUsage; stops on SIGTERM.
 */
export async function startBenchChild<Ready>(script: string, env: Record<string, string>): Promise<BenchChild<Ready>> {
  const child: ChildProcess = fork(join(__dirname, script), [], {
    execArgv: ['--import', 'tsx', ...profilingArgs(script, env)],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
  });
  const usage = () =>
    new Promise<BenchUsage>((resolve) => {
      child.once('message', (message) => resolve(message as BenchUsage));
      child.send('usage');
    });
  return {
    ready,
    cpuMs: async () => (await usage()).cpuMs,
    peakRssMb: async () => (await usage()).peakRssMb,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** In a benchmark process: answers the parent's 'usage' requests. */
export function answerUsage(): void {
  process.on('message', (message) => {
    if (message !== 'usage') return;
    const { user, system } = process.cpuUsage();
    const usage: BenchUsage = { cpuMs: (user + system) / 1000, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
    process.send!(usage);
  });
}
