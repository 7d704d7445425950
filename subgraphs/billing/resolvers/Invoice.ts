import { mayReadPatient } from '../../kit/patientAccess';
import type { InvoiceResolvers } from '../__generated__/resolvers';

export const Invoice: InvoiceResolvers = {
  __resolveReference: async (reference, { caller, loaders }) => {
    const invoice = await loaders.invoiceById.load(reference.id);
    return invoice && mayReadPatient(caller, invoice.patientId) ? invoice : null;
  },
  patient: (invoice) => ({ id: invoice.patientId }),
};
