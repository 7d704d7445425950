import { EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type Sex = 'FEMALE' | 'MALE' | 'OTHER' | 'UNDISCLOSED';

/**
 * A patient of one clinic (tenant-scoped). The phone and ABHA number identify the
 * person outside the clinic, so they are kept only sealed (AES-256-GCM, see
 * sealedIdentifiers.ts) with a keyed lookup hash beside each; never in clear.
 */
export interface Patient {
  id: string;
  tenantId: string;
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  sex: Sex;
  /** Sealed E.164 phone number. */
  phoneEncrypted: Buffer | null;
  phoneHash: Buffer | null;
  email: string | null;
  /** Sealed ABHA number (14 digits, no hyphens). */
  abhaNumberEncrypted: Buffer | null;
  abhaNumberHash: Buffer | null;
  abhaAddress: string | null;
  address: string | null;
  /** GST State code of the address. */
  stateCode: string | null;
  createdAt: Opt<Date>;
  updatedAt: Opt<Date>;
}

export const PatientSchema = new EntitySchema<Patient>({
  name: 'Patient',
  tableName: 'patient',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    name: { type: 'text' },
    dateOfBirth: { type: 'date', nullable: true },
    sex: { type: 'text' },
    phoneEncrypted: { type: 'blob', nullable: true },
    phoneHash: { type: 'blob', nullable: true },
    email: { type: 'text', nullable: true },
    abhaNumberEncrypted: { type: 'blob', nullable: true },
    abhaNumberHash: { type: 'blob', nullable: true },
    abhaAddress: { type: 'text', nullable: true },
    address: { type: 'text', nullable: true },
    stateCode: { type: 'text', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
    updatedAt: { type: 'Date', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
  filters: tenantFilter,
});
