import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const badDecimal = () =>
  new GraphQLError('Decimal must be a string such as "6.5" (or an integer)', { extensions: { code: 'BAD_USER_INPUT' } });

function parseDecimal(value: unknown): string {
  if (typeof value === 'string') return value;
  // An integer is exact in JSON; a fractional JSON number has been through binary floating point.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw badDecimal();
}

/**
 * An exact decimal carried as a string in both directions: PostgreSQL numeric
 * comes back from the driver as a string and goes out unchanged. The shape and
 * range are checked by the resolver's validation, which names the input field.
 */
export const Decimal = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number, written as a string such as "6.5"',
  serialize(value) {
    if (typeof value !== 'string') throw new GraphQLError('Decimal values are kept as strings');
    return value;
  },
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return ast.value;
    if (ast.kind === Kind.INT) return parseDecimal(Number(ast.value));
    throw badDecimal();
  },
});
