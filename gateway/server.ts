import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../subgraphs/kit/config';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { systemClock, type Clock } from '../subgraphs/kit/clock';
import { maskUnexpectedErrors } from '../subgraphs/kit/errors';
import { consumeAll, operationLimiters } from '../subgraphs/kit/rateLimits';
import { Sessions } from '../subgraphs/kit/sessions';
import { uuidv7 } from '../subgraphs/kit/ids';
import type { SubgraphName } from '../subgraphs/kit/subgraphs';
import { createCallerResolver } from './callers';
import { AssertingDataSource, keepAliveFetcher, type GatewayContext } from './dataSource';
import { registerInvoicePdfRoute } from './invoicePdf';
import { checkReadiness } from './readiness';
import { sessionCookieName, useSessionCookie } from './sessionCookie';
import type { Store } from '../subgraphs/kit/store';
import { loadSupergraphSdl } from './supergraph';

export interface GatewayOptions {
  config: Pick<Config, 'internalSigningKey' | 'callerAssertionTtlSeconds' | 'devAuth' | 'nodeEnv' | 'cookieSecure' | 'session' | 'limits'>;
  /** Where each subgraph listens (overrides the supergraph's routing URLs). */
  subgraphUrls: Record<SubgraphName, string>;
  /** The identity database, for resolving credentials and for readiness. */
  identityOrm: MikroORM;
  store: Store;
  /** Time for sessions (tests move it); default: the system clock. */
  clock?: Clock;
  log: Logger;
  port: number;
  host?: string;
}

export interface RunningGateway {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** Starts the gateway: `POST /graphql`, `GET /healthz`, `GET /readyz`. Port 0 picks a free port. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const cookieName = sessionCookieName(config.cookieSecure);
  const sessions = new Sessions(options.store, config.session, clock);
  const limits = operationLimiters(options.store, config.limits);
  const subgraphFetch = keepAliveFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: loadSupergraphSdl(),
    buildService: ({ name, url }) =>
      new AssertingDataSource({
        name,
        url: options.subgraphUrls[name as SubgraphName] ?? url!,
        signingKey: config.internalSigningKey,
        ttlSeconds: config.callerAssertionTtlSeconds,
        fetcher: subgraphFetch.fetcher,
      }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskUnexpectedErrors(log),
    includeStacktraceInErrorResponses: false,
    introspection: config.nodeEnv !== 'production',
    plugins: [
      useSessionCookie({ cookieName, secure: config.cookieSecure, maxAgeSeconds: config.session.absoluteSeconds }),
      ...(config.nodeEnv === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  const resolveCaller = createCallerResolver({ identityOrm: options.identityOrm, sessions, cookieName, devAuth: config.devAuth, clock, log });
  const app = Fastify({
    logger: false,
    bodyLimit: 1_048_576,
    // A caller-supplied request id is kept when it is a plain token, so traces join up.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    log.info({ rid: request.id, method: request.method, path: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const readiness = await checkReadiness({ identityOrm: options.identityOrm, store: options.store, subgraphUrls: options.subgraphUrls });
    return reply.code(readiness.ready ? 200 : 503).send(readiness);
  });
  // One context for the GraphQL route and the invoice PDF route: the same caller, the same limits.
  const context = async (request: FastifyRequest): Promise<GatewayContext> => {
    const { caller, staleCookie } = await resolveCaller(request);
    const perCaller: [RateLimiterAbstract, string][] = [];
    if (caller.sessionId) perCaller.push([limits.perSession, caller.sessionId]);
    if (caller.tenantId) perCaller.push([limits.perTenant, caller.tenantId]);
    await consumeAll(perCaller, 'requests', true);
    return {
      assertion: { ...caller, requestId: request.id, clientIp: request.ip, userAgent: request.headers['user-agent']?.slice(0, 256) ?? null },
      ...(staleCookie ? { sessionChange: { token: '' } } : {}),
    };
  };
  await app.register(fastifyApollo(apollo), { context });
  registerInvoicePdfRoute(app, apollo, context);
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : (options.host ?? '127.0.0.1')}:${port}/graphql`,
    app,
    async close() {
      await app.close();
      await apollo.stop();
      await subgraphFetch.close();
    },
  };
}
