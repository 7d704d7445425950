import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDevelopmentSecrets } from '../../gateway/developmentSecrets';

describe('development secrets of npm start', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'cmc-secrets-')), 'nested', 'development-secrets.json');

  it('generates the data key once and gives the same key on the next start', () => {
    const path = file();
    const first = withDevelopmentSecrets({}, path);
    const second = withDevelopmentSecrets({}, path);
    expect(first.kept).toBe(true);
    expect(Buffer.from(first.env.DATA_ENCRYPTION_KEY!, 'base64')).toHaveLength(32);
    expect(second.env.DATA_ENCRYPTION_KEY).toBe(first.env.DATA_ENCRYPTION_KEY);
    expect(JSON.parse(readFileSync(path, 'utf8')).DATA_ENCRYPTION_KEY).toBe(first.env.DATA_ENCRYPTION_KEY);
    expect(statSync(path).mode & 0o077).toBe(0);
  });

  it('leaves a given key, production and test runs alone', () => {
    const path = file();
    expect(withDevelopmentSecrets({ DATA_ENCRYPTION_KEY: 'given' }, path)).toEqual({ env: { DATA_ENCRYPTION_KEY: 'given' }, kept: false });
    expect(withDevelopmentSecrets({ NODE_ENV: 'production' }, path).kept).toBe(false);
    expect(withDevelopmentSecrets({ NODE_ENV: 'test' }, path).kept).toBe(false);
  });
});
