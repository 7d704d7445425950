import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import fastifyApollo from '@as-integrations/fastify';
import type { EntityManager, EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import type { Migration } from '@mikro-orm/migrations';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { applyMiddlewareToDeclaredResolvers } from 'graphql-middleware';
import { deny, shield, type IRules } from 'graphql-shield';
import type { Logger } from 'pino';
import { CALLER_ASSERTION_HEADER, verifyCallerAssertion, type CallerAssertion } from './callerAssertion';
import { useAuditTrail, type AuditTrailOptions } from './auditTrail';
import type { RequestContext } from './context';
import { forbidden, maskUnexpectedErrors } from './errors';
import type { Clock } from './clock';
import type { Config } from './config';
import { scopedEntityManager } from './orm';
import { withPlantedLeak } from './plantedLeak';
import type { Store } from './store';
import type { SubgraphName } from './subgraphs';

/** What a subgraph process shares with the services it builds (see `createServices`). */
export interface SubgraphDependencies {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
}

/** Everything that makes one subgraph; each subgraph's `index.ts` exports one. */
export interface SubgraphDefinition<Loaders = unknown, Services = unknown> {
  name: SubgraphName;
  resolvers: GraphQLResolverMap<any>;
  /** graphql-shield rules, keyed by type and field; anything not listed is denied. */
  permissions: IRules;
  createLoaders(em: EntityManager, services: Services): Loaders;
  /** Builds the subgraph's long-lived services once per server; omitted by subgraphs that need none. */
  createServices?(deps: SubgraphDependencies): Services;
  /** How each Mutation field is audited, and the access event of reads (see useAuditTrail). */
  audit: AuditTrailOptions;
  entities: EntitySchema<any, any>[];
  migrations: { name: string; class: new (...args: any[]) => Migration }[];
}

export const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');

/** The subgraph's SDL as committed in `schema/<name>.graphql`. */
export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(readFileSync(join(SCHEMA_DIR, `${name}.graphql`), 'utf8'));
}

/**
 * The executable subgraph schema with shield applied to declared resolvers only:
 * root fields, `_entities`, `_service` and every field with a resolver are guarded,
 * plain scalar fields are not wrapped (graphql-shield issues 416, 812, 1522).
 */
export function buildGuardedSchema(definition: SubgraphDefinition<any, any>, ownerOrm?: MikroORM): GraphQLSchema {
  const schema = buildSubgraphSchema({ typeDefs: subgraphTypeDefs(definition.name), resolvers: withPlantedLeak(definition, ownerOrm) });
  const permissions = shield(definition.permissions, {
    fallbackRule: deny,
    fallbackError: () => forbidden(),
    allowExternalErrors: true,
  });
  return applyMiddlewareToDeclaredResolvers(schema, permissions);
}

export interface SubgraphServerOptions {
  /** The services' pool (the service login); every request runs on it. */
  orm: MikroORM;
  /** The owner's pool: only a test build's planted leak (`CMC_TEST_PLANTED_LEAK`) reads through it. */
  ownerOrm?: MikroORM;
  /** For subgraphs with services (identity); the others ignore it. */
  dependencies?: SubgraphDependencies;
  signingKey: Uint8Array;
  log: Logger;
  plugins?: ApolloServerPlugin<RequestContext<any>>[];
  /** Record audit events (default true; the benchmark's comparison run turns it off). */
  auditTrail?: boolean;
}

/** The subgraph's Apollo Server (used over HTTP and by `executeOperation` in tests). */
export function createSubgraphApollo(definition: SubgraphDefinition<any, any>, options: SubgraphServerOptions) {
  return new ApolloServer<RequestContext<any>>({
    schema: buildGuardedSchema(definition, options.ownerOrm),
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // No subgraph answer is cacheable (no @cacheControl hints; useResponseHeaders says
      // no-store). The default cache control plugin would still run a hook for every
      // field of every item to work that out.
      ApolloServerPluginCacheControlDisabled(),
      useAuditTrail({ ...definition.audit, enabled: options.auditTrail ?? true }),
      useResponseHeaders(),
      ...(options.plugins ?? []),
    ],
    formatError: maskUnexpectedErrors(options.log),
    includeStacktraceInErrorResponses: false,
    introspection: false,
    csrfPrevention: true,
  });
}

/** Marks every answer uncacheable and copies `responseHeaders` set by resolvers onto a successful HTTP response. */
function useResponseHeaders(): ApolloServerPlugin<RequestContext<any>> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          response.http.headers.set('cache-control', 'no-store');
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          if (failed) return;
          for (const [name, value] of contextValue.responseHeaders) response.http.headers.set(name, value);
        },
      };
    },
  };
}

/** Builds a request context from a verified assertion. */
export function createRequestContext<L, S>(
  definition: SubgraphDefinition<L, S>,
  orm: MikroORM,
  caller: CallerAssertion,
  log: Logger,
  services: S = undefined as S,
): RequestContext<L, S> {
  const em = scopedEntityManager(orm, caller.tenantId);
  return {
    caller,
    em,
    loaders: definition.createLoaders(em, services),
    services,
    log: log.child({ rid: caller.requestId }),
    accessedPatientIds: new Set(),
    responseHeaders: new Map(),
  };
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    callerRequestId?: string;
  }
}

/**
 * Starts the subgraph over HTTP: `POST /graphql` (caller assertion required, 401
 * otherwise) and `GET /healthz`. Port 0 picks a free port.
 */
export async function startSubgraphServer(
  definition: SubgraphDefinition<any, any>,
  options: SubgraphServerOptions & { port: number; host?: string },
): Promise<RunningSubgraph> {
  const log = options.log.child({ subgraph: definition.name });
  if (definition.createServices && !options.dependencies) throw new Error(`the ${definition.name} subgraph needs its dependencies (store, clock, config)`);
  const services = definition.createServices?.(options.dependencies!);
  const apollo = createSubgraphApollo(definition, { ...options, log });
  await apollo.start();

  // Longer than the gateway's idle socket timeout, so the gateway closes idle
  // keep-alive sockets first and never writes to one this side just closed.
  const app = Fastify({ logger: false, keepAliveTimeout: 72_000, bodyLimit: 1_048_576 });
  app.addHook('onResponse', async (request, reply) => {
    log.info({ rid: request.callerRequestId, method: request.method, path: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(fastifyApollo(apollo), {
    context: async (request: FastifyRequest) => {
      const header = request.headers[CALLER_ASSERTION_HEADER];
      const caller = await verifyCallerAssertion(options.signingKey, definition.name, Array.isArray(header) ? header[0] : header);
      request.callerRequestId = caller.requestId;
      return createRequestContext(definition, options.orm, caller, log, services);
    },
  });
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    name: definition.name,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    app,
    async close() {
      await app.close();
      await apollo.stop();
    },
  };
}
