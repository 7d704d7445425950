import { GraphQLError } from 'graphql';
import pino from 'pino';
import { Writable } from 'node:stream';
import { badUserInput, maskUnexpectedErrors } from '../../subgraphs/kit/errors';

describe('error masking', () => {
  const logged: string[] = [];
  const log = pino({ base: undefined }, new Writable({ write: (chunk, _e, done) => (logged.push(String(chunk)), done()) }));
  const format = maskUnexpectedErrors(log);

  it('replaces an unexpected error by a masked INTERNAL_SERVER_ERROR and logs it once', () => {
    const error = new GraphQLError('relation "patient.secret" does not exist', { originalError: new Error('relation "patient.secret" does not exist'), path: ['patients'] });
    const formatted = format({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x.ts:1'] } }, error);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['patients'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('patient.secret');
  });

  it('passes a known error through without its stack trace', () => {
    const error = badUserInput('first must be between 1 and 100', 'first');
    const formatted = format({ ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['at y.ts:2'] } }, error);
    expect(formatted.message).toBe('first must be between 1 and 100');
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
