import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../subgraphs/kit/subgraphs';
import type { Store } from '../subgraphs/kit/store';

export interface Readiness {
  ready: boolean;
  checks: Record<string, 'ok' | 'unreachable'>;
}

const TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<'ok' | 'unreachable'> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref())]);
    return 'ok';
  } catch {
    return 'unreachable';
  }
}

/** Ready when the database, the store and every subgraph answer. */
export async function checkReadiness(deps: { identityOrm: MikroORM; store: Store; subgraphUrls: Record<SubgraphName, string> }): Promise<Readiness> {
  const entries = await Promise.all([
    probe(() => deps.identityOrm.em.getConnection().execute('select 1')).then((s) => ['database', s] as const),
    probe(() => deps.store.ping()).then((s) => [`store:${deps.store.kind}`, s] as const),
    ...Object.entries(deps.subgraphUrls).map(([name, url]) =>
      probe(async () => {
        const response = await fetch(url.replace(/\/graphql$/, '/healthz'), { signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (!response.ok) throw new Error(`status ${response.status}`);
      }).then((s) => [`subgraph:${name}`, s] as const),
    ),
  ]);
  const checks = Object.fromEntries(entries);
  return { ready: Object.values(checks).every((s) => s === 'ok'), checks };
}
