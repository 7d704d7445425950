import { createHmac, randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../subgraphs/kit/config';
import { FieldDecryptionError, FieldEncryption } from '../../subgraphs/kit/fieldEncryption';

const CONTEXT = 'patient.phone|tenant-a|patient-1';

describe('field encryption (AES-256-GCM with a keyed lookup hash)', () => {
  const secret = randomBytes(32);
  const fields = new FieldEncryption(secret);

  it('opens what it sealed (round trip), non-ASCII included', () => {
    for (const plaintext of ['+919000000001', '00-0000-0000-0042', 'देवनागरी', '']) {
      expect(fields.open(fields.seal(plaintext, CONTEXT), CONTEXT)).toBe(plaintext);
    }
  });

  it('stores version, 96-bit IV, 128-bit tag and ciphertext, and never the plaintext', () => {
    const sealed = fields.seal('+919000000001', CONTEXT);
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(1 + 12 + 16 + '+919000000001'.length);
    expect(sealed.toString('latin1')).not.toContain('9000000001');
  });

  it('gives a different ciphertext for the same plaintext every time (random IV)', () => {
    const a = fields.seal('+919000000001', CONTEXT);
    const b = fields.seal('+919000000001', CONTEXT);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
  });

  it.each([
    ['a ciphertext byte', 1 + 12 + 16],
    ['a tag byte', 1 + 12],
    ['an IV byte', 1],
  ])('refuses a value with %s flipped', (_what, index) => {
    const sealed = fields.seal('+919000000001', CONTEXT);
    sealed[index]! ^= 0x01;
    expect(() => fields.open(sealed, CONTEXT)).toThrow(FieldDecryptionError);
  });

  it('refuses a truncated value and an unknown version', () => {
    const sealed = fields.seal('+919000000001', CONTEXT);
    expect(() => fields.open(sealed.subarray(0, 20), CONTEXT)).toThrow(FieldDecryptionError);
    const future = Buffer.from(sealed);
    future[0] = 2;
    expect(() => fields.open(future, CONTEXT)).toThrow(FieldDecryptionError);
  });

  it('refuses a value sealed under another key', () => {
    const other = new FieldEncryption(randomBytes(32));
    expect(() => other.open(fields.seal('+919000000001', CONTEXT), CONTEXT)).toThrow(FieldDecryptionError);
  });

  it('refuses a value moved to another row or column (the context is authenticated)', () => {
    const sealed = fields.seal('+919000000001', CONTEXT);
    expect(() => fields.open(sealed, 'patient.phone|tenant-a|patient-2')).toThrow(FieldDecryptionError);
    expect(() => fields.open(sealed, 'patient.abha_number|tenant-a|patient-1')).toThrow(FieldDecryptionError);
  });

  it('gives the same lookup hash for the same value, and a different one for another value, context or key', () => {
    const hash = fields.lookupHash('+919000000001', 'patient.phone|tenant-a');
    expect(hash).toHaveLength(32);
    expect(fields.lookupHash('+919000000001', 'patient.phone|tenant-a').equals(hash)).toBe(true);
    expect(new FieldEncryption(Buffer.from(secret)).lookupHash('+919000000001', 'patient.phone|tenant-a').equals(hash)).toBe(true);
    expect(fields.lookupHash('+919000000002', 'patient.phone|tenant-a').equals(hash)).toBe(false);
    expect(fields.lookupHash('+919000000001', 'patient.phone|tenant-b').equals(hash)).toBe(false);
    expect(new FieldEncryption(randomBytes(32)).lookupHash('+919000000001', 'patient.phone|tenant-a').equals(hash)).toBe(false);
  });

  it('derives the lookup key apart from the cipher key (the hash is not an HMAC under the raw secret)', () => {
    const naive = createHmac('sha256', secret).update('patient.phone|tenant-a').update('\0').update('+919000000001').digest();
    expect(fields.lookupHash('+919000000001', 'patient.phone|tenant-a').equals(naive)).toBe(false);
  });

  it('takes a key of exactly 32 bytes', () => {
    expect(() => new FieldEncryption(randomBytes(16))).toThrow(RangeError);
  });
});

describe('DATA_ENCRYPTION_KEY configuration', () => {
  const signing = { INTERNAL_SIGNING_KEY: 'k'.repeat(32) };

  it('decodes a base64 key of 32 bytes', () => {
    const key = randomBytes(32);
    expect(Buffer.from(loadConfig({ DATA_ENCRYPTION_KEY: key.toString('base64') }).dataEncryptionKey).equals(key)).toBe(true);
  });

  it('generates a key in development and says so', () => {
    const config = loadConfig({ ...signing });
    expect(config.dataEncryptionKey.byteLength).toBe(32);
    expect(config.generatedSecrets).toEqual(['DATA_ENCRYPTION_KEY']);
  });

  it('refuses to start in production without one, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...signing })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', ...signing })).toThrow(/DATA_ENCRYPTION_KEY is required/);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(48).toString('base64')],
    ['not base64', '!'.repeat(44)],
  ])('refuses a key that is %s', (_what, value) => {
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: value })).toThrow(/DATA_ENCRYPTION_KEY must be 32 bytes, base64-encoded/);
  });
});
