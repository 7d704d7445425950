import type { MutationResolvers } from '../__generated__/resolvers';
import { PatientSchema } from '../entities';
import { validDateOfBirth, validPatientName } from '../validation';

export const Mutation: MutationResolvers = {
  async createPatient(_parent, { input }, { caller, em }) {
    const name = validPatientName(input.name);
    const dateOfBirth = validDateOfBirth(input.dateOfBirth);
    // The tenant is the caller's, never an argument. The audit trail owns the transaction.
    const patient = em.create(PatientSchema, { tenantId: caller.tenantId!, name, dateOfBirth, sex: input.sex ?? 'UNDISCLOSED' });
    await em.flush();
    return patient;
  },
};
