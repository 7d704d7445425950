export * from './Patient';
import { PatientSchema } from './Patient';

export const entities = [PatientSchema];
