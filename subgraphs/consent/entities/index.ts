export * from './Consent';
import { ConsentSchema } from './Consent';

export const entities = [ConsentSchema];
