import { gstStateName } from '../../kit/gst';
import { mayReadPatient } from '../../kit/patientAccess';
import type { ChargeResolvers } from '../__generated__/resolvers';

export const Charge: ChargeResolvers = {
  __resolveReference: async (reference, { caller, loaders }) => {
    const charge = await loaders.chargeById.load(reference.id);
    return charge && mayReadPatient(caller, charge.patientId) ? charge : null;
  },
  patient: (charge) => ({ id: charge.patientId }),
  recipient: (c) => ({ name: c.recipientName, address: c.recipientAddress, gstin: c.recipientGstin, stateCode: c.recipientStateCode, stateName: gstStateName(c.recipientStateCode) }),
  lines: (charge, _args, { loaders }) => loaders.chargeLinesByChargeId.load(charge.id),
  invoice: async (charge, _args, { loaders }) => (await loaders.invoicesByChargeId.load(charge.id))[0] ?? null,
};
