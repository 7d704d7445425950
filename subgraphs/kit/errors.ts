import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** The error codes clients can rely on (DESIGN.md, "Contract sketch"). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'LOCKED'
  | 'PERSISTED_QUERY_NOT_IN_LIST'
  | 'CONFLICT';

export function graphqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/**
 * UNAUTHENTICATED inside a response (a field needs a signed-in caller). Not an HTTP
 * 401: the gateway would take that for a failed fetch and lose the error's code.
 */
export const unauthenticated = (message = 'A valid caller is required') => graphqlError('UNAUTHENTICATED', message);

/** A request refused before any field runs (no valid caller assertion): HTTP 401. */
export const unauthenticatedRequest = (message: string) => graphqlError('UNAUTHENTICATED', message, { http: { status: 401 } });
export const forbidden = (message = 'You are not allowed to do this') => graphqlError('FORBIDDEN', message);
/** Another tenant's object is reported exactly like a missing one: existence must not leak. */
export const notFound = (type: string, id: string) => graphqlError('NOT_FOUND', `${type} ${id} was not found`, { type, id });
export const badUserInput = (message: string, field?: string) =>
  graphqlError('BAD_USER_INPUT', message, field ? { field } : {});

const KNOWN_CODES = new Set<string>([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'RATE_LIMITED', 'LOCKED',
  'PERSISTED_QUERY_NOT_IN_LIST', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo `formatError`: errors with a known code pass through without stack traces;
 * anything else is logged once and replaced by a masked INTERNAL_SERVER_ERROR.
 */
export function maskUnexpectedErrors(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
