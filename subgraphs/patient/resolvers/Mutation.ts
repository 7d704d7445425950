import { recordAuditEvent } from '../../kit/audit';
import type { MutationResolvers } from '../__generated__/resolvers';
import { PatientSchema } from '../entities';
import { validDateOfBirth, validPatientName } from '../validation';

export const Mutation: MutationResolvers = {
  async createPatient(_parent, { input }, { caller, em }) {
    const name = validPatientName(input.name);
    const dateOfBirth = validDateOfBirth(input.dateOfBirth);
    return em.transactional(async (tx) => {
      // The tenant is the caller's, never an argument.
      const patient = tx.create(PatientSchema, { tenantId: caller.tenantId!, name, dateOfBirth, sex: input.sex ?? 'UNDISCLOSED' });
      await tx.flush();
      await recordAuditEvent(tx, caller, { action: 'patient.create', targetType: 'Patient', targetId: patient.id, outcome: 'SUCCESS' });
      return patient;
    });
  },
};
