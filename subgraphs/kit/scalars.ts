import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** ISO 8601 date-time in UTC, shared by every subgraph that declares `scalar DateTime`. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant, as an ISO 8601 string in UTC',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue(value) {
    return parseInstant(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badDateTime();
    return parseInstant(ast.value);
  },
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) throw badDateTime();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badDateTime();
  return date;
}
const badDateTime = () =>
  new GraphQLError('DateTime must be an ISO 8601 string with a time zone, such as 2026-04-01T09:30:00Z', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
