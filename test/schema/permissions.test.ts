import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLObjectType, GraphQLScalarType } from 'graphql';
import pino from 'pino';
import { subgraphDefinitions } from '../../subgraphs';
import type { CallerAssertion } from '../../subgraphs/kit/callerAssertion';
import { createSubgraphApollo, subgraphTypeDefs } from '../../subgraphs/kit/subgraphServer';

const rulesOf = (permissions: unknown, type: string): Record<string, unknown> =>
  ((permissions as Record<string, Record<string, unknown>>)[type] ?? {});

/** Isolation layer 4: shield guards every root field and every declared resolver explicitly. */
describe.each(subgraphDefinitions.map((d) => [d.name, d] as const))('%s subgraph permissions', (_name, definition) => {
  const schema = buildSubgraphSchema({ typeDefs: subgraphTypeDefs(definition.name), resolvers: definition.resolvers });

  it('has an explicit rule for every Query and Mutation field, _entities and _service included', () => {
    const missing: string[] = [];
    for (const rootType of [schema.getQueryType(), schema.getMutationType()]) {
      if (!rootType) continue;
      for (const field of Object.keys(rootType.getFields())) {
        if (!rulesOf(definition.permissions, rootType.name)[field]) missing.push(`${rootType.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
    expect(rulesOf(definition.permissions, 'Query')._entities).toBeDefined();
  });

  it('has an explicit rule for every field that has a resolver', () => {
    const missing: string[] = [];
    for (const [typeName, fieldResolvers] of Object.entries(definition.resolvers)) {
      if (fieldResolvers instanceof GraphQLScalarType || typeName === 'Query' || typeName === 'Mutation') continue;
      for (const field of Object.keys(fieldResolvers as object)) {
        if (field.startsWith('__')) continue;
        if (!rulesOf(definition.permissions, typeName)[field]) missing.push(`${typeName}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has rules only for fields that exist (a renamed field cannot leave a stale rule behind)', () => {
    const stale: string[] = [];
    for (const [typeName, fields] of Object.entries(definition.permissions as Record<string, Record<string, unknown>>)) {
      const type = schema.getType(typeName);
      const known = type instanceof GraphQLObjectType ? type.getFields() : {};
      for (const field of Object.keys(fields)) if (!(field in known)) stale.push(`${typeName}.${field}`);
    }
    expect(stale).toEqual([]);
  });
});

describe('fallback rule', () => {
  it('denies a root field that has no rule, before its resolver runs', async () => {
    const identity = subgraphDefinitions.find((d) => d.name === 'identity')!;
    const { me: _me, ...queryRules } = rulesOf(identity.permissions, 'Query');
    let resolverRan = false;
    const withoutRule = {
      ...identity,
      permissions: { ...identity.permissions, Query: queryRules } as typeof identity.permissions,
      resolvers: { ...identity.resolvers, Query: { ...(identity.resolvers.Query as object), me: () => ((resolverRan = true), null) } },
    };
    const log = pino({ level: 'silent' });
    const server = createSubgraphApollo(withoutRule, { orm: undefined as never, signingKey: new Uint8Array(32), log });
    const caller: CallerAssertion = { userId: 'u', tenantId: 't', tenantActive: true, roles: ['TENANT_ADMIN'], patientId: null, sessionId: null, clientId: null, requestId: 'r', clientIp: null, userAgent: null };
    const response = await server.executeOperation({ query: '{ me { id } }' }, { contextValue: { caller, em: undefined as never, loaders: {}, services: undefined, log, accessedPatientIds: new Set(), responseHeaders: new Map() } });
    expect(response.body.kind === 'single' && response.body.singleResult.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(resolverRan).toBe(false);
  });
});
