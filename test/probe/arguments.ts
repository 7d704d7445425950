import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { isRequired, selectionOf, typeLiteral } from './supergraph';

/** Why an operation could not be built; the probe reports it as SKIPPED. */
export class Unbuildable extends Error {}

/** Where the values of a call come from. */
export interface ArgumentSource {
  /** An id of the victim tenant's object of this type, or undefined when none is known. */
  idOf(typeName: string): string | undefined;
  /** Text the victim's data contains, for search arguments. */
  searchText: string;
  /** Valid inputs by input type name (from the probe's own setup), so validation is not what refuses. */
  samples: Record<string, Record<string, unknown>>;
}

/** ID argument names that do not spell their type. */
const ID_ALIASES: Record<string, string> = { actor: 'User', target: 'Patient' };
const SEARCH_ARGUMENT = /^(search|query|text|name)$/i;

/** Which object type an ID argument names: `patientId` a Patient, `id` and `after` the field's own type. */
export function idTypeOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>, argName: string): string | null {
  const returned = getNamedType(field.type);
  if (argName === 'id' || argName === 'after') {
    if (isObjectType(returned) && returned.getFields().id) return returned.name;
    // terminateSession(id): Boolean names a Session; the longest type name in the field's name wins.
    const named = Object.keys(schema.getTypeMap())
      .filter((t) => isObjectType(schema.getType(t)) && !t.startsWith('_') && field.name.toLowerCase().includes(t.toLowerCase()))
      .sort((a, b) => b.length - a.length)[0];
    return named ?? null;
  }
  if (!argName.endsWith('Id')) return null;
  const base = argName.slice(0, -2);
  const candidate = ID_ALIASES[base] ?? base.charAt(0).toUpperCase() + base.slice(1);
  return isObjectType(schema.getType(candidate)) ? candidate : null;
}

function scalarValue(name: string, argName: string, source: ArgumentSource): unknown {
  switch (name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return new Date().toISOString();
    case 'Date':
      return new Date().toISOString().slice(0, 10);
    case 'Decimal':
      return '1';
    case 'String':
      return SEARCH_ARGUMENT.test(argName) ? source.searchText : 'probe';
    default:
      return 'probe';
  }
}

/**
 * Fills arguments from the schema: every ID with the victim's id of the type it names
 * (or a fresh random id, for the control call), search text with the victim's data,
 * other required values with type-appropriate dummies, inputs from a valid sample.
 */
export class CallBuilder {
  readonly usedIds: string[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly field: GraphQLField<unknown, unknown>,
    private readonly source: ArgumentSource,
    private readonly randomIds: boolean,
  ) {}

  private id(argName: string): string {
    const type = idTypeOf(this.schema, this.field, argName);
    if (!type) throw new Unbuildable(`cannot tell which type the ID argument ${argName} names`);
    const id = this.source.idOf(type);
    if (!id) throw new Unbuildable(`no ${type} of the other tenant is known`);
    const value = this.randomIds ? randomUUID() : id;
    this.usedIds.push(value);
    return value;
  }

  value(type: GraphQLInputType, argName: string, sample?: unknown): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, argName, sample);
    if (isListType(type)) {
      const items = Array.isArray(sample) && sample.length > 0 ? sample : [undefined];
      return items.map((item) => this.value(type.ofType, argName, item));
    }
    if (isScalarType(type)) return type.name === 'ID' ? this.id(argName) : sample ?? scalarValue(type.name, argName, this.source);
    if (isEnumType(type)) return sample ?? type.getValues()[0]!.value;
    if (isInputObjectType(type)) {
      const base = (sample as Record<string, unknown> | undefined) ?? this.source.samples[type.name];
      const out: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) {
        const given = base?.[f.name];
        const holdsId = getNamedType(f.type).name === 'ID';
        if (holdsId || given !== undefined || isRequired(f)) out[f.name] = this.value(f.type, f.name, given);
      }
      return out;
    }
    throw new Unbuildable(`no value for ${String(type)}`);
  }

  /** The operation text and variables, or Unbuildable. */
  build(kind: 'query' | 'mutation'): { query: string; variables: Record<string, unknown> } {
    const variables: Record<string, unknown> = {};
    const definitions: string[] = [];
    const passed: string[] = [];
    for (const arg of this.field.args) {
      const named = getNamedType(arg.type);
      const relevant = isRequired(arg) || named.name === 'ID' || isInputObjectType(named) || (named.name === 'String' && SEARCH_ARGUMENT.test(arg.name));
      if (!relevant) continue;
      variables[arg.name] = this.value(arg.type, arg.name);
      definitions.push(`$${arg.name}: ${typeLiteral(arg.type)}`);
      passed.push(`${arg.name}: $${arg.name}`);
    }
    const vars = definitions.length > 0 ? `(${definitions.join(', ')})` : '';
    const args = passed.length > 0 ? `(${passed.join(', ')})` : '';
    return { query: `${kind} Probe${vars} { ${this.field.name}${args} ${selectionOf(this.field.type, 1)} }`, variables };
  }
}
