export * from './Consent';
export * from './ConsentStatusChange';
import { ConsentSchema } from './Consent';
import { ConsentStatusChangeSchema } from './ConsentStatusChange';

export const entities = [ConsentSchema, ConsentStatusChangeSchema];
