import pino, { type Logger } from 'pino';

/**
 * The process logger. Log lines carry ids, never personal data: request bodies,
 * variables, headers and client addresses are not logged, and the paths below are
 * redacted in case one slips into a logged object.
 */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    base: undefined,
    redact: {
      paths: ['*.password', '*.email', '*.phone', '*.name', '*.authorization', '*.cookie', 'req.headers', 'variables'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
