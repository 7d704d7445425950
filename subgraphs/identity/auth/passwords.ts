import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * Password rules (COMPLIANCE.md, Authentication; ASVS 6.2): 12 to 128 characters,
 * no composition rules, no truncation, refused when a strength estimate finds it
 * weak (common and breached-password dictionaries) or when it contains the user's
 * email, name or clinic name. Hashes are Argon2id with m = 19 MiB, t = 2, p = 1.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn scores 0 to 4; 3 is "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;

/** `algorithm: 2` is Argon2id (the package's `Algorithm` is a const enum, which isolated modules cannot read). */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const strength = new ZxcvbnFactory({
  translations: english.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...english.dictionary },
});

export interface PasswordOwner {
  email: string;
  name: string;
  clinicName?: string | null;
}

/** Why the password is refused, in plain words, or null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a strong, memorable password.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  const lower = password.toLowerCase();
  const personal = [owner.email, owner.email.split('@')[0] ?? '', owner.name, ...owner.name.split(/\s+/), owner.clinicName ?? '', ...(owner.clinicName ?? '').split(/\s+/)]
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.length >= 4);
  const contained = personal.find((part) => lower.includes(part));
  if (contained) return 'Do not use your email, your name or your clinic\'s name in the password.';
  const result = strength.check(password, personal);
  if (result.score < MIN_SCORE) {
    const why = result.feedback.warning ?? 'It is easy to guess.';
    const hint = result.feedback.suggestions[0] ?? 'Add more words that are less common.';
    return `This password is too weak: ${why} ${hint}`;
  }
  return null;
}

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS);

/** Verifies without throwing on a malformed hash (that counts as a mismatch). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoy: Promise<string> | null = null;
/**
 * Spends the time of a real verification when there is no user to check, so an
 * unknown username and a wrong password take about as long (no user enumeration).
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password that no account has');
  await verifyPassword(await decoy, password);
  return false;
}
