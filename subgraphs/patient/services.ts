import { FieldEncryption } from '../kit/fieldEncryption';
import type { SubgraphDependencies } from '../kit/subgraphServer';

/** What the patient subgraph keeps for its whole life: the field encryption under DATA_ENCRYPTION_KEY. */
export interface PatientServices {
  fieldEncryption: FieldEncryption;
}

export function createPatientServices({ config }: Pick<SubgraphDependencies, 'config'>): PatientServices {
  return { fieldEncryption: new FieldEncryption(config.dataEncryptionKey) };
}
