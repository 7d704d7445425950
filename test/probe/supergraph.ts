import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/** An entity type and the subgraphs that resolve it through `_entities`, with their key fields. */
export interface EntityType {
  name: string;
  resolvers: { subgraph: string; keyFields: string[] }[];
}

export interface ProbedGraph {
  schema: GraphQLSchema;
  queryFields: GraphQLField<unknown, unknown>[];
  mutationFields: GraphQLField<unknown, unknown>[];
  entities: EntityType[];
  /** The subgraph names, as the supergraph's join__Graph enum lists them. */
  subgraphs: string[];
}

export const SUPERGRAPH_PATH = join(__dirname, '..', '..', 'schema', 'supergraph.graphql');

const stringArg = (node: { arguments?: readonly { name: { value: string }; value: { kind: string } }[] }, name: string): string | undefined => {
  const arg = node.arguments?.find((a) => a.name.value === name);
  return arg && arg.value.kind === Kind.STRING ? (arg.value as unknown as { value: string }).value : undefined;
};

/**
 * Reads the composed supergraph as plain GraphQL (its join directives are declared in
 * the file), so every root field and entity type is probed without naming any of them.
 */
export function loadProbedGraph(path = SUPERGRAPH_PATH): ProbedGraph {
  const schema = buildSchema(readFileSync(path, 'utf8'));
  const graphEnum = schema.getType('join__Graph');
  const graphNames = new Map<string, string>();
  if (isEnumType(graphEnum)) {
    for (const value of graphEnum.getValues()) {
      const directive = value.astNode?.directives?.find((d) => d.name.value === 'join__graph');
      graphNames.set(value.name, (directive && stringArg(directive, 'name')) ?? value.name.toLowerCase());
    }
  }
  const entities: EntityType[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name.startsWith('join__') || type.name.startsWith('link__')) continue;
    const resolvers = (type.astNode?.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => {
        const graph = d.arguments?.find((a) => a.name.value === 'graph');
        const key = stringArg(d, 'key');
        const resolvable = d.arguments?.find((a) => a.name.value === 'resolvable');
        const unresolvable = resolvable?.value.kind === Kind.BOOLEAN && !(resolvable.value as unknown as { value: boolean }).value;
        return graph?.value.kind === Kind.ENUM && key && !unresolvable ? { subgraph: graphNames.get(graph.value.value) ?? graph.value.value, keyFields: key.split(/\s+/).filter(Boolean) } : null;
      })
      .filter((r): r is { subgraph: string; keyFields: string[] } => r !== null);
    if (resolvers.length > 0) entities.push({ name: type.name, resolvers });
  }
  const fields = (type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {}).filter((f) => !f.name.startsWith('_'));
  return { schema, queryFields: fields(schema.getQueryType()), mutationFields: fields(schema.getMutationType()), entities, subgraphs: [...graphNames.values()] };
}

/** The GraphQL type as written in a variable definition, such as `[ID!]!`. */
export function typeLiteral(type: GraphQLType): string {
  if (isNonNullType(type)) return `${typeLiteral(type.ofType)}!`;
  if (isListType(type)) return `[${typeLiteral(type.ofType)}]`;
  return (type as { name: string }).name;
}

export const isRequired = (arg: { type: GraphQLInputType; defaultValue?: unknown }) => isNonNullType(arg.type) && arg.defaultValue === undefined;

/**
 * A selection that shows whose object came back: `__typename` and `id` of the type,
 * and of its object fields without required arguments, `depth` levels down.
 */
export function selectionOf(type: GraphQLType, depth = 1): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (!isObjectType(named)) return '{ __typename }';
  const parts = ['__typename'];
  const fields = named.getFields();
  if (fields.id) parts.push('id');
  if (depth > 0) {
    for (const field of Object.values(fields)) {
      const target = getNamedType(field.type);
      if (!isObjectType(target) || field.args.some(isRequired)) continue;
      parts.push(`${field.name} ${selectionOf(target, depth - 1)}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

/** Whether any argument, or any field of an input argument, has the ID type. */
export function namesIds(args: readonly GraphQLArgument[]): boolean {
  const seen = new Set<string>();
  const visit = (type: GraphQLInputType): boolean => {
    const named = getNamedType(type);
    if (isScalarType(named)) return named.name === 'ID';
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => visit(f.type));
  };
  return args.some((a) => visit(a.type));
}
