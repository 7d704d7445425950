export * from './Observation';
export * from './Patient';
import { ObservationSchema } from './Observation';
import { PatientSchema } from './Patient';

export const entities = [PatientSchema, ObservationSchema];
