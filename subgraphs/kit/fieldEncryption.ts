import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of identifiers that identify a person outside the clinic
 * (ABHA number, phone; DESIGN.md "Data and money"). AES-256-GCM with a random
 * 96-bit IV per value, and beside each value a keyed hash (HMAC-SHA256) so an
 * exact value can be looked up without decrypting every row.
 *
 * Both keys are derived from the one DATA_ENCRYPTION_KEY with HKDF-SHA256 under
 * different info strings, so the lookup key reveals nothing about the cipher key.
 *
 * Sealed layout (bytea): version (1 byte) | IV (12) | GCM tag (16) | ciphertext.
 */

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
export const DATA_ENCRYPTION_KEY_BYTES = 32;

const CIPHER_INFO = 'cardmetcare field encryption v1 aes-256-gcm';
const LOOKUP_INFO = 'cardmetcare field lookup v1 hmac-sha256';

/** A sealed value that cannot be opened: tampered, truncated, of an unknown version or sealed under another key. */
export class FieldDecryptionError extends Error {
  override name = 'FieldDecryptionError';
}

function deriveKey(secret: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, DATA_ENCRYPTION_KEY_BYTES));
}

/** Seals, opens and hashes field values under one DATA_ENCRYPTION_KEY; build one per process. */
export class FieldEncryption {
  readonly #cipherKey: Buffer;
  readonly #lookupKey: Buffer;

  /** `secret` is the 32 raw bytes of DATA_ENCRYPTION_KEY. */
  constructor(secret: Uint8Array) {
    if (secret.byteLength !== DATA_ENCRYPTION_KEY_BYTES) throw new RangeError(`the data encryption key must be ${DATA_ENCRYPTION_KEY_BYTES} bytes`);
    this.#cipherKey = deriveKey(secret, CIPHER_INFO);
    this.#lookupKey = deriveKey(secret, LOOKUP_INFO);
  }

  /**
   * Encrypts `plaintext`. `context` (for example the column, tenant and row id) is
   * authenticated but not stored: a sealed value copied to another row or column
   * does not open there.
   */
  seal(plaintext: string, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#cipherKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Decrypts a value from `seal` with the same context; throws FieldDecryptionError on any defect. */
  open(sealed: Uint8Array, context: string): string {
    const bytes = Buffer.from(sealed);
    if (bytes.length < HEADER_BYTES || bytes[0] !== VERSION) throw new FieldDecryptionError('not a sealed value of a known version');
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    const tag = bytes.subarray(1 + IV_BYTES, HEADER_BYTES);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#cipherKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError('the sealed value does not authenticate (tampered, or another key or context)');
    }
  }

  /**
   * The keyed hash of an already normalised value (the same value always gives the
   * same hash under one key). `context` separates columns and tenants, so equal
   * values in two clinics do not share a hash.
   */
  lookupHash(normalised: string, context: string): Buffer {
    return createHmac('sha256', this.#lookupKey).update(context, 'utf8').update('\0').update(normalised, 'utf8').digest();
  }
}
