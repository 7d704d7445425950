import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap';
import type { SubgraphDefinition } from '../kit/subgraphServer';
import { entities } from './entities';
import { createLoaders, type Loaders } from './loaders';
import { migrations } from './migrations';
import { permissions } from './permissions';
import { resolvers } from './resolvers';
import { createPatientServices, type PatientServices } from './services';

/**
 * Patient records: demographics, contact and ABDM identifiers (phone and ABHA
 * number sealed at rest), corrections, and cardiometabolic observations.
 *
 * Audit classes: a correction of a record is `security` (COMPLIANCE.md lists
 * corrections there). Registering a patient and recording an observation write
 * clinical data; they are `security` too, so who wrote what into a record is kept
 * as long as the record's corrections and the reads of it (7 years).
 */
export const patientSubgraph: SubgraphDefinition<Loaders, PatientServices> = {
  name: 'patient',
  resolvers: resolvers as GraphQLResolverMap<any>,
  permissions,
  audit: {
    mutations: {
      createPatient: { action: 'patient.create', class: 'security' },
      updatePatient: { action: 'patient.update', class: 'security' },
      recordObservation: { action: 'observation.record', class: 'security' },
    },
    readAction: 'patient.read',
  },
  createLoaders,
  createServices: createPatientServices,
  entities,
  migrations,
};
