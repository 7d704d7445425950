import type { FieldEncryption } from '../kit/fieldEncryption';
import type { Patient } from './entities';

/** The patient fields kept sealed at rest, with their columns' names (part of the authenticated context). */
const SEALED = {
  phone: { column: 'patient.phone', encrypted: 'phoneEncrypted', hash: 'phoneHash' },
  abhaNumber: { column: 'patient.abha_number', encrypted: 'abhaNumberEncrypted', hash: 'abhaNumberHash' },
} as const;

export type SealedField = keyof typeof SEALED;

/**
 * Seals, opens and hashes a patient's phone and ABHA number. A sealed value is
 * bound to its column, tenant and patient; a lookup hash to its column and tenant,
 * so the same number in two clinics has two unrelated hashes.
 */
export function sealedIdentifiers(fieldEncryption: FieldEncryption) {
  const sealContext = (field: SealedField, tenantId: string, patientId: string) => `${SEALED[field].column}|${tenantId}|${patientId}`;
  const hashContext = (field: SealedField, tenantId: string) => `${SEALED[field].column}|${tenantId}`;
  return {
    /** The keyed hash of a normalised value, as `patients(search:)` looks it up. */
    lookupHash: (field: SealedField, tenantId: string, normalised: string): Buffer =>
      fieldEncryption.lookupHash(normalised, hashContext(field, tenantId)),

    /** Sets (or, with null, clears) the sealed value and its hash on the patient. */
    assign(patient: Pick<Patient, 'id' | 'tenantId' | 'phoneEncrypted' | 'phoneHash' | 'abhaNumberEncrypted' | 'abhaNumberHash'>, field: SealedField, normalised: string | null): void {
      const { encrypted, hash } = SEALED[field];
      patient[encrypted] = normalised === null ? null : fieldEncryption.seal(normalised, sealContext(field, patient.tenantId, patient.id));
      patient[hash] = normalised === null ? null : fieldEncryption.lookupHash(normalised, hashContext(field, patient.tenantId));
    },

    /** The plaintext of the patient's sealed field, or null when it has none; throws FieldDecryptionError when it does not open. */
    open(patient: Patient, field: SealedField): string | null {
      const sealed = patient[SEALED[field].encrypted];
      return sealed ? fieldEncryption.open(sealed, sealContext(field, patient.tenantId, patient.id)) : null;
    },
  };
}

export type SealedIdentifiers = ReturnType<typeof sealedIdentifiers>;
