import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES } from '../subgraphs/kit/config';
import { GATEWAY_PORT, SUBGRAPHS } from '../subgraphs/kit/subgraphs';

interface Service {
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { target: number; published?: string | number })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  restart?: string;
}

const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
/** The environment as a map, whichever of the two compose forms (map or KEY=VALUE list) is used. */
const environment = (name: string): Record<string, string> => {
  const env = service(name).environment ?? {};
  const entries = Array.isArray(env) ? env.map((line) => line.split(/=(.*)/s).slice(0, 2)) : Object.entries(env);
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value ?? '')]));
};
const healthcheckCommand = (name: string): string => [service(name).healthcheck?.test ?? []].flat().join(' ');
const dependency = (name: string, on: string): string | undefined => {
  const dependsOn = service(name).depends_on ?? {};
  return Array.isArray(dependsOn) ? (dependsOn.includes(on) ? 'service_started' : undefined) : dependsOn[on]?.condition;
};
const containerPorts = (name: string): number[] =>
  (service(name).ports ?? []).map((port) => (typeof port === 'string' ? Number(port.split('/')[0]!.split(':').pop()) : port.target));

const subgraphNames = SUBGRAPHS.map((s) => s.name);
const nodeServices = ['migrate', 'gateway', ...subgraphNames];
const longRunning = ['postgres', 'redis', 'gateway', ...subgraphNames];

describe('docker-compose.yml', () => {
  it('defines exactly postgres, redis, migrate, the gateway and one service per subgraph', () => {
    expect(Object.keys(services).sort()).toEqual(['postgres', 'redis', 'migrate', 'gateway', ...subgraphNames].sort());
  });

  describe.each(SUBGRAPHS)('subgraph $name', ({ name, port }) => {
    it(`runs subgraphs/${name}/main.ts`, () => {
      expect([service(name).command].flat().join(' ')).toBe(`npx tsx subgraphs/${name}/main.ts`);
    });
    it(`listens on its port from SUBGRAPHS (${port}) on all interfaces`, () => {
      expect(environment(name)).toMatchObject({ PORT: String(port), HOST: '0.0.0.0' });
    });
    it('probes /healthz on that port', () => {
      expect(healthcheckCommand(name)).toContain(`http://127.0.0.1:${port}/healthz`);
    });
    it('starts only after the migrations completed successfully', () => {
      expect(dependency(name, 'migrate')).toBe('service_completed_successfully');
    });
  });

  describe('gateway', () => {
    it('listens on GATEWAY_PORT and publishes it', () => {
      expect(environment('gateway').PORT).toBe(String(GATEWAY_PORT));
      expect(containerPorts('gateway')).toContain(GATEWAY_PORT);
    });
    it('probes /readyz on GATEWAY_PORT', () => {
      expect(healthcheckCommand('gateway')).toContain(`http://127.0.0.1:${GATEWAY_PORT}/readyz`);
    });
    it('has a <NAME>_URL for every subgraph and for nothing else, each http://<name>:<port>/graphql', () => {
      const urls = Object.fromEntries(Object.entries(environment('gateway')).filter(([key]) => key.endsWith('_URL') && !['DATABASE_URL', 'APP_DATABASE_URL', 'REDIS_URL'].includes(key)));
      expect(urls).toEqual(Object.fromEntries(SUBGRAPHS.map(({ name, port }) => [`${name.toUpperCase()}_URL`, `http://${name}:${port}/graphql`])));
    });
    it('waits for every subgraph and for redis to be healthy', () => {
      for (const name of [...subgraphNames, 'redis']) expect([name, dependency('gateway', name)]).toEqual([name, 'service_healthy']);
    });
  });

  it('publishes no port but the gateway to the host', () => {
    const publishing = Object.keys(services).filter((name) => (service(name).ports ?? []).length > 0);
    expect(publishing).toEqual(['gateway']);
  });

  it('runs migrations once, after postgres is healthy', () => {
    expect([service('migrate').command].flat().join(' ')).toBe('npx tsx gateway/cli/migrate.ts');
    expect(service('migrate').restart).toBe('no');
    expect(dependency('migrate', 'postgres')).toBe('service_healthy');
  });

  it('gives the owner\'s DATABASE_URL to the migration job alone', () => {
    expect(nodeServices.filter((name) => environment(name).DATABASE_URL !== undefined)).toEqual(['migrate']);
  });

  it.each(nodeServices)('%s logs in to the database as the application role, not as the owner', (name) => {
    const login = new URL(environment(name).APP_DATABASE_URL!.replace(/\$\{[^}]+\}/g, 'x'));
    expect(login.username).toBe('cmc_service');
    expect(environment(name).APP_DATABASE_URL).toMatch(/\$\{APP_DATABASE_PASSWORD:\?[^}]+\}/);
  });

  it.each(nodeServices)('%s uses only variables listed in ENVIRONMENT_VARIABLES', (name) => {
    const unknown = Object.keys(environment(name)).filter((key) => !(ENVIRONMENT_VARIABLES as string[]).includes(key));
    expect(unknown).toEqual([]);
  });

  it.each(longRunning)('%s has a healthcheck', (name) => {
    expect(healthcheckCommand(name)).not.toBe('');
  });

  it.each(['gateway', ...subgraphNames])('%s requires INTERNAL_SIGNING_KEY (${VAR:?message}), never a default', (name) => {
    expect(environment(name).INTERNAL_SIGNING_KEY).toMatch(/^\$\{INTERNAL_SIGNING_KEY:\?[^}]+\}$/);
  });
});
