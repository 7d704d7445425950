import { EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type Sex = 'FEMALE' | 'MALE' | 'OTHER' | 'UNDISCLOSED';

/** A patient of one clinic (tenant-scoped). */
export interface Patient {
  id: string;
  tenantId: string;
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  sex: Sex;
  createdAt: Opt<Date>;
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
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
  filters: tenantFilter,
});
