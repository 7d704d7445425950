import { ConfigError, loadConfig } from '../../subgraphs/kit/config';

describe('configuration', () => {
  it('generates a signing key in development and says so', () => {
    const config = loadConfig({});
    expect(config.internalSigningKey.byteLength).toBeGreaterThanOrEqual(32);
    expect(config.generatedSecrets).toEqual(['INTERNAL_SIGNING_KEY', 'DATA_ENCRYPTION_KEY']);
  });

  it('refuses to start in production without a signing key, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/INTERNAL_SIGNING_KEY is required/);
  });

  it('honours development tokens in test runs only', () => {
    const secrets = { INTERNAL_SIGNING_KEY: 'k'.repeat(32), DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(loadConfig({ NODE_ENV: 'test' }).devAuth).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', DEV_AUTH: 'off' }).devAuth).toBe(false);
    expect(loadConfig({}).devAuth).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ...secrets }).devAuth).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, DEV_AUTH: 'on' })).toThrow(/DEV_AUTH=on is only for test runs/);
    expect(() => loadConfig({ NODE_ENV: 'development', DEV_AUTH: 'on' })).toThrow(/DEV_AUTH=on is only for test runs/);
  });

  it('defaults sessions to 30 minutes idle and 12 hours absolute, with secure cookies', () => {
    const config = loadConfig({});
    expect(config.session).toEqual({ idleSeconds: 30 * 60, absoluteSeconds: 12 * 3600 });
    expect(config.cookieSecure).toBe(true);
    expect(loadConfig({ LOGIN_LIMIT_PER_IP: '3' }).limits.loginPerIp).toBe(3);
    expect(() => loadConfig({ LOGIN_LIMIT_PER_IP: '0' })).toThrow(/LOGIN_LIMIT_PER_IP/);
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
