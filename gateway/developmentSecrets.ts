import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where `npm start` keeps the development data key, beside the embedded database it protects. */
export const DEVELOPMENT_SECRETS_FILE = '.data/development-secrets.json';

/**
 * Outside production and tests, a missing DATA_ENCRYPTION_KEY is generated once and
 * kept in `.data/` (mode 0600), so the demo rows sealed on the first `npm start` can
 * still be opened on the next. Returns the environment to load the configuration from.
 */
export function withDevelopmentSecrets(env: NodeJS.ProcessEnv, file = DEVELOPMENT_SECRETS_FILE): { env: NodeJS.ProcessEnv; kept: boolean } {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' || env.DATA_ENCRYPTION_KEY) return { env, kept: false };
  let secrets: { DATA_ENCRYPTION_KEY?: string } = {};
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, 'utf8')) as typeof secrets;
  if (!secrets.DATA_ENCRYPTION_KEY) {
    secrets.DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return { env: { ...env, DATA_ENCRYPTION_KEY: secrets.DATA_ENCRYPTION_KEY }, kept: true };
}
