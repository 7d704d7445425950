/**
 * One gateway configuration of the dashboard bench in a process of its own, in front
 * of the shared subgraphs (BENCH_SUBGRAPH_URLS):
 * - `full` (BENCH_GATEWAY=full): the real gateway, as `npm run start:gateway` runs it;
 * - `bare`: `@apollo/gateway` under `@apollo/server`'s standalone server with their
 *   defaults, the same supergraph; it only adds the caller assertion the subgraphs
 *   demand, signed once per subgraph and renewed every 15 s (never per request).
 * Started by `startBenchChild`; reports `{ url }`.
 */
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import pino from 'pino';
import { startGateway } from '../../gateway/server';
import { loadSupergraphSdl } from '../../gateway/supergraph';
import { identitySubgraph } from '../../subgraphs/identity';
import { CALLER_ASSERTION_HEADER, signCallerAssertion, type CallerAssertion } from '../../subgraphs/kit/callerAssertion';
import { loadConfig } from '../../subgraphs/kit/config';
import { assertServiceLogin, serviceDatabaseUrl } from '../../subgraphs/kit/database';
import { createOrm } from '../../subgraphs/kit/orm';
import { runMain, stopOnSignal } from '../../subgraphs/kit/process';
import { openStore } from '../../subgraphs/kit/store';
import type { SubgraphName } from '../../subgraphs/kit/subgraphs';
import { answerUsage } from './child';

const ASSERTION_TTL_SECONDS = 60;
const ASSERTION_RENEW_MS = 15_000;

async function startFull(subgraphUrls: Record<SubgraphName, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const log = pino({ level: 'warn', base: undefined });
  const clientUrl = serviceDatabaseUrl({ databaseUrl: process.env.BENCH_DATABASE_URL });
  await assertServiceLogin(clientUrl);
  const identityOrm = await createOrm({ clientUrl, schema: 'identity', entities: identitySubgraph.entities, migrations: identitySubgraph.migrations });
  const store = await openStore(config.redisUrl, log, config.redisPrefix);
  const gateway = await startGateway({ config, subgraphUrls, identityOrm, store, log, port: 0 });
  return {
    url: gateway.url,
    async stop() {
      await gateway.close();
      await store.close();
      await identityOrm.close();
    },
  };
}

async function startBare(subgraphUrls: Record<SubgraphName, string>, caller: CallerAssertion): Promise<{ url: string; stop(): Promise<void> }> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn' });
  const assertions = new Map<string, string>();
  const renew = async () => {
    for (const name of Object.keys(subgraphUrls)) assertions.set(name, await signCallerAssertion(config.internalSigningKey, name, caller, ASSERTION_TTL_SECONDS));
  };
  await renew();
  const timer = setInterval(() => void renew(), ASSERTION_RENEW_MS);
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraphSdl(),
    buildService: ({ name }) =>
      new (class extends RemoteGraphQLDataSource {
        override willSendRequest({ request }: GraphQLDataSourceProcessOptions) {
          request.http?.headers.set(CALLER_ASSERTION_HEADER, assertions.get(name)!);
        }
      })({ url: subgraphUrls[name as SubgraphName] }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    url: new URL('/graphql', url).toString(),
    async stop() {
      clearInterval(timer);
      await server.stop();
    },
  };
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('gatewayProcess is started by startBenchChild');
  const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS!) as Record<SubgraphName, string>;
  const running =
    process.env.BENCH_GATEWAY === 'bare'
      ? await startBare(subgraphUrls, { ...JSON.parse(process.env.BENCH_CALLER!), requestId: 'bench-bare-gateway', clientIp: '127.0.0.1', userAgent: 'bench' })
      : await startFull(subgraphUrls);
  stopOnSignal(() => running.stop());
  process.send({ url: running.url });
  answerUsage();
}

runMain(main);
