import { ConfigError } from './config';

/** On SIGTERM or SIGINT, runs `close` (servers, pools, stores) once, then exits. */
export function stopOnSignal(close: () => Promise<void>): void {
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Runs an entry point; a configuration problem prints its message alone, anything else in full. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
