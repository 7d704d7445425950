import { EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';
import type { ObservationKind } from '../observationRules';

/**
 * One cardiometabolic measurement of a patient (tenant-scoped). Values are exact
 * decimals (PostgreSQL numeric), carried as strings so no float ever touches them.
 */
export interface Observation {
  id: string;
  tenantId: string;
  patientId: string;
  kind: ObservationKind;
  /** Decimal string; the systolic pressure for BLOOD_PRESSURE. */
  value: string;
  /** Decimal string; BLOOD_PRESSURE only. */
  diastolic: string | null;
  unit: string;
  takenAt: Date;
  recordedAt: Opt<Date>;
}

export const ObservationSchema = new EntitySchema<Observation>({
  name: 'Observation',
  tableName: 'observation',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    patientId: { type: 'uuid' },
    kind: { type: 'text' },
    value: { type: 'decimal' },
    diastolic: { type: 'decimal', nullable: true },
    unit: { type: 'text' },
    takenAt: { type: 'Date' },
    recordedAt: { type: 'Date', onCreate: () => new Date() },
  },
  filters: tenantFilter,
});
