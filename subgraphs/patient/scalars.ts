import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const badDecimal = () =>
  new GraphQLError('Decimal must be a string such as "6.5", or a number', { extensions: { code: 'BAD_USER_INPUT' } });

/**
 * A string is taken as written. A JSON number is read by its shortest decimal form
 * (6.5 stays "6.5"); one that binary floating point has already bent, such as
 * 0.30000000000000004, then fails the resolver's check of decimal places, by field name.
 */
function parseDecimal(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
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
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return ast.value;
    throw badDecimal();
  },
});
