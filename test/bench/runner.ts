import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

/** The HTTP request a configuration is loaded with, repeated on every connection. */
export interface BenchRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Header sets each connection cycles through in turn (for example one sign-in per clinic); default: `headers` only. */
  headerCycle?: Record<string, string>[];
}

/** One side of the comparison (for example "audit on"). */
export interface BenchConfiguration {
  name: string;
  request: BenchRequest;
  /** Runs after each measured window; throws when the window's work was not done right. */
  checkWindow?(window: WindowResult): Promise<void>;
  /** Cumulative CPU time of the server under test, in ms: gives CPU per request, which other load on the machine barely moves. */
  serverCpuMs?(): Promise<number>;
  /** Peak resident set of the process under test so far, in MiB (its high-water mark, read after each window). */
  serverPeakRssMb?(): Promise<number>;
  /**
   * Cumulative CPU time, in ms, of other processes the requests pass through (for
   * example each subgraph behind a gateway), by name: reported per request beside the server's.
   */
  processCpuMs?(): Promise<Record<string, number>>;
}

export interface BenchOptions {
  /** Names the results file: test/bench/results/<name>.json. */
  name: string;
  description: string;
  /** Two or more configurations; the first is compared against the second. */
  configurations: BenchConfiguration[];
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** How many times every configuration is measured, alternating A B A B. */
  rounds: number;
  /** autocannon's per-request timeout (default 10 s); slow requests under many connections need more. */
  timeoutSeconds?: number;
  /** Facts about the run worth keeping with the numbers (database source, versions). */
  environment?: Record<string, unknown>;
}

export interface LatencyStats {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface WindowResult {
  configuration: string;
  round: number;
  seconds: number;
  /** 2xx responses. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requestsPerSecond: number;
  /** Milliseconds, 2xx responses only. */
  latency: LatencyStats;
  /** Server CPU time per 2xx response, in ms (when the configuration reports it). */
  serverCpuMsPerRequest: number | null;
  /** The process's peak RSS in MiB after the window (when the configuration reports it). */
  serverPeakRssMb?: number | null;
  /** CPU time per 2xx response of each process in `processCpuMs`, in ms. */
  processCpuMsPerRequest?: Record<string, number>;
  /** The machine's one-minute load average when the window ended. */
  loadAverage?: number;
}

export interface ConfigurationSummary {
  configuration: string;
  windows: number;
  ok: number;
  failed: number;
  requestsPerSecond: number;
  latency: LatencyStats;
  serverCpuMsPerRequest: number | null;
  serverPeakRssMb?: number | null;
  processCpuMsPerRequest?: Record<string, number>;
}

export interface BenchReport {
  name: string;
  description: string;
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string; loadAverageAtStart: number; loadAverageAtEnd: number };
  environment: Record<string, unknown>;
  settings: { connections: number; warmupSeconds: number; durationSeconds: number; rounds: number };
  windows: WindowResult[];
  summary: ConfigurationSummary[];
  /**
   * First configuration over second: latency above 1 means slower, throughput below 1
   * means less. The median of the rounds' ratios, each round's two windows being
   * neighbours in time, so load that drifts across the run cancels out.
   */
  ratio: Ratio;
  /** The same ratios from all windows pooled together; skewed when the machine's load drifts. */
  pooledRatio: Ratio;
  /** The first configuration over each of the others, as `ratio` (the first of these is `ratio`). */
  ratios: Ratio[];
}

export interface Ratio {
  configurations: [string, string];
  latencyP50: number;
  latencyMean: number;
  latencyP99: number;
  throughput: number;
  serverCpuPerRequest: number | null;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function ratioOf(a: { requestsPerSecond: number; latency: LatencyStats; serverCpuMsPerRequest: number | null }[], b: typeof a, names: [string, string]): Ratio {
  const of = (pick: (x: (typeof a)[number]) => number) => round3(median(a.map((x, i) => pick(x) / pick(b[i]!))));
  return {
    configurations: names,
    latencyP50: of((x) => x.latency.p50),
    latencyMean: of((x) => x.latency.mean),
    latencyP99: of((x) => x.latency.p99),
    throughput: of((x) => x.requestsPerSecond),
    serverCpuPerRequest: [...a, ...b].every((x) => x.serverCpuMsPerRequest) ? of((x) => x.serverCpuMsPerRequest!) : null,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Exact statistics of the recorded latencies (nearest-rank percentiles). */
export function latencyStats(samples: number[]): LatencyStats {
  if (samples.length === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { mean: round2(mean), p50: round2(rank(50)), p90: round2(rank(90)), p99: round2(rank(99)), max: round2(sorted[sorted.length - 1]!) };
}

/** Loads one configuration for `seconds`; returns its latencies (2xx only) and counts. */
async function load(request: BenchRequest, connections: number, seconds: number, timeoutSeconds = 10) {
  const latencies: number[] = [];
  let instance: autocannon.Instance | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: request.url,
        method: request.method ?? 'POST',
        headers: request.headers,
        body: request.body,
        requests: request.headerCycle?.map((headers) => ({ headers: { ...request.headers, ...headers } })),
        connections,
        duration: seconds,
        timeout: timeoutSeconds,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // autocannon's own histogram keeps whole milliseconds; keep the exact times instead.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  return { result, latencies };
}

/**
 * Runs the configurations alternately (A B A B ...), each window preceded by a
 * warm-up on the same configuration, all in one run so that both see the same
 * machine state. Writes test/bench/results/<name>.json and prints a summary.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  if (options.configurations.length < 2) throw new Error('a benchmark compares at least two configurations');
  // Other work on the machine skews both sides; the load average says how much there was.
  const loadAverageAtStart = round2(loadavg()[0]!);
  const windows: WindowResult[] = [];
  const samples = new Map<string, number[]>(options.configurations.map((c) => [c.name, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const configuration of options.configurations) {
      await load(configuration.request, options.connections, options.warmupSeconds, options.timeoutSeconds);
      const cpuBefore = await configuration.serverCpuMs?.();
      const othersBefore = await configuration.processCpuMs?.();
      const { result, latencies } = await load(configuration.request, options.connections, options.durationSeconds, options.timeoutSeconds);
      const cpuAfter = await configuration.serverCpuMs?.();
      const othersAfter = await configuration.processCpuMs?.();
      const peakRss = await configuration.serverPeakRssMb?.();
      const perRequest = (before: number, after: number) => round3((after - before) / result['2xx']);
      const window: WindowResult = {
        configuration: configuration.name,
        round,
        seconds: result.duration,
        ok: result['2xx'],
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        requestsPerSecond: round2(result['2xx'] / result.duration),
        latency: latencyStats(latencies),
        serverCpuMsPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && result['2xx'] > 0 ? round3((cpuAfter - cpuBefore) / result['2xx']) : null,
        ...(peakRss !== undefined ? { serverPeakRssMb: peakRss } : {}),
        ...(othersBefore && othersAfter && result['2xx'] > 0
          ? { processCpuMsPerRequest: Object.fromEntries(Object.keys(othersAfter).filter((name) => name in othersBefore).map((name) => [name, perRequest(othersBefore[name]!, othersAfter[name]!)])) }
          : {}),
        loadAverage: round2(loadavg()[0]!),
      };
      await configuration.checkWindow?.(window);
      windows.push(window);
      samples.get(configuration.name)!.push(...latencies);
      console.log(
        `round ${round} ${configuration.name.padEnd(12)} ${String(window.requestsPerSecond).padStart(8)} req/s  p50 ${window.latency.p50} ms  p99 ${window.latency.p99} ms  cpu/req ${window.serverCpuMsPerRequest ?? '-'} ms  ` +
          `${window.processCpuMsPerRequest ? `${Object.entries(window.processCpuMsPerRequest).map(([name, ms]) => `${name} ${ms}`).join(' ')} ms  ` : ''}` +
          `${peakRss !== undefined ? `peak RSS ${peakRss} MiB  ` : ''}load ${window.loadAverage}  failed ${window.non2xx + window.errors}`,
      );
    }
  }
  const summary = options.configurations.map((c): ConfigurationSummary => {
    const own = windows.filter((w) => w.configuration === c.name);
    const seconds = own.reduce((sum, w) => sum + w.seconds, 0);
    const ok = own.reduce((sum, w) => sum + w.ok, 0);
    const cpu = own.every((w) => w.serverCpuMsPerRequest !== null) ? own.reduce((sum, w) => sum + w.serverCpuMsPerRequest! * w.ok, 0) / ok : null;
    return {
      configuration: c.name,
      windows: own.length,
      ok,
      failed: own.reduce((sum, w) => sum + w.non2xx + w.errors, 0),
      requestsPerSecond: round2(ok / seconds),
      latency: latencyStats(samples.get(c.name)!),
      serverCpuMsPerRequest: cpu === null ? null : round3(cpu),
      ...(own.some((w) => w.serverPeakRssMb != null) ? { serverPeakRssMb: Math.max(...own.map((w) => w.serverPeakRssMb ?? 0)) } : {}),
      ...(own.every((w) => w.processCpuMsPerRequest && Object.keys(w.processCpuMsPerRequest).join() === Object.keys(own[0]!.processCpuMsPerRequest!).join())
        ? {
            processCpuMsPerRequest: Object.fromEntries(
              Object.keys(own[0]!.processCpuMsPerRequest!).map((name) => [name, round3(own.reduce((sum, w) => sum + w.processCpuMsPerRequest![name]! * w.ok, 0) / ok)]),
            ),
          }
        : {}),
    };
  });
  const [a, b] = summary as [ConfigurationSummary, ConfigurationSummary];
  const ratios = summary.slice(1).map((other) =>
    ratioOf(
      windows.filter((w) => w.configuration === a.configuration),
      windows.filter((w) => w.configuration === other.configuration),
      [a.configuration, other.configuration],
    ),
  );
  const report: BenchReport = {
    name: options.name,
    description: options.description,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform, loadAverageAtStart, loadAverageAtEnd: round2(loadavg()[0]!) },
    environment: options.environment ?? {},
    settings: { connections: options.connections, warmupSeconds: options.warmupSeconds, durationSeconds: options.durationSeconds, rounds: options.rounds },
    windows,
    summary,
    ratio: ratios[0]!,
    pooledRatio: ratioOf([a], [b], [a.configuration, b.configuration]),
    ratios,
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${options.name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  printSummary(report);
  return report;
}

function printSummary(report: BenchReport): void {
  const lines = [
    '',
    `${report.name}: ${report.description}`,
    `${report.machine.cpus} cores (${report.machine.cpuModel}), load average ${report.machine.loadAverageAtStart} at start, Node ${report.machine.node}; ${report.settings.connections} connections, ` +
      `${report.settings.rounds} x ${report.settings.durationSeconds} s per configuration after ${report.settings.warmupSeconds} s warm-up`,
    '',
    `${'configuration'.padEnd(14)}${'req/s'.padStart(10)}${'mean ms'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'cpu/req ms'.padStart(12)}${'peak RSS MiB'.padStart(14)}${'failed'.padStart(8)}`,
    ...report.summary.map(
      (s) =>
        `${s.configuration.padEnd(14)}${String(s.requestsPerSecond).padStart(10)}${String(s.latency.mean).padStart(10)}${String(s.latency.p50).padStart(10)}` +
        `${String(s.latency.p99).padStart(10)}${String(s.serverCpuMsPerRequest ?? '-').padStart(12)}${String(s.serverPeakRssMb ?? '-').padStart(14)}${String(s.failed).padStart(8)}`,
    ),
    ...report.summary
      .filter((s) => s.processCpuMsPerRequest)
      .map((s) => `${s.configuration}: CPU per request of ${Object.entries(s.processCpuMsPerRequest!).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}`),
    '',
    ...report.ratios.map(
      (ratio) =>
        `${ratio.configurations.join(' / ')}, median of the rounds: latency p50 ${ratio.latencyP50}x, mean ${ratio.latencyMean}x, p99 ${ratio.latencyP99}x; throughput ${ratio.throughput}x; server CPU per request ${ratio.serverCpuPerRequest ?? '-'}x`,
    ),
    `load average per window: ${report.windows.map((w) => w.loadAverage).join(', ')}`,
    `all windows pooled: latency p50 ${report.pooledRatio.latencyP50}x, mean ${report.pooledRatio.latencyMean}x; throughput ${report.pooledRatio.throughput}x`,
    `results: test/bench/results/${report.name}.json`,
  ];
  console.log(lines.join('\n'));
}
