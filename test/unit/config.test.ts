import { ConfigError, loadConfig } from '../../subgraphs/kit/config';

describe('configuration', () => {
  it('generates a signing key in development and says so', () => {
    const config = loadConfig({});
    expect(config.internalSigningKey.byteLength).toBeGreaterThanOrEqual(32);
    expect(config.generatedSecrets).toEqual(['INTERNAL_SIGNING_KEY', 'DATA_ENCRYPTION_KEY']);
    expect(config.devAuth).toBe(true);
  });

  it('refuses to start in production without a signing key, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/INTERNAL_SIGNING_KEY is required/);
  });

  it('never enables development tokens in production', () => {
    const secrets = { INTERNAL_SIGNING_KEY: 'k'.repeat(32), DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(loadConfig({ NODE_ENV: 'production', ...secrets }).devAuth).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, DEV_AUTH: 'on' })).toThrow(/DEV_AUTH=on is not allowed/);
  });

  it('lists every invalid variable in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', INTERNAL_SIGNING_KEY: 'short', CALLER_ASSERTION_TTL_SECONDS: '3600' })).toThrow(
      /PORT[\s\S]*INTERNAL_SIGNING_KEY must be at least 32 characters[\s\S]*CALLER_ASSERTION_TTL_SECONDS/,
    );
  });

  it('routes to subgraph URLs from the environment, defaulting to the local ports', () => {
    const config = loadConfig({ PATIENT_URL: 'http://patient:4002/graphql' });
    expect(config.subgraphUrls.patient).toBe('http://patient:4002/graphql');
    expect(config.subgraphUrls.identity).toBe('http://127.0.0.1:4001/graphql');
  });
});
