import { notFound } from '../../kit/errors';
import { isUuid } from '../../kit/ids';
import { mayReadPatient } from '../../kit/patientAccess';
import type { QueryResolvers } from '../__generated__/resolvers';
import { mayReadInvoice } from '../access';

export const Query: QueryResolvers = {
  async invoice(_parent, { id }, { caller, loaders, accessedPatientIds }) {
    const invoice = isUuid(id) ? await loaders.invoiceById.load(id) : null;
    // One answer for missing, another tenant's and not-yours: existence must not leak.
    if (!invoice || !mayReadInvoice(caller, invoice)) throw notFound('Invoice', id);
    if (invoice.patientId) accessedPatientIds.add(invoice.patientId);
    return invoice;
  },

  async charge(_parent, { id }, { caller, loaders, accessedPatientIds }) {
    const charge = isUuid(id) ? await loaders.chargeById.load(id) : null;
    if (!charge || !mayReadPatient(caller, charge.patientId)) throw notFound('Charge', id);
    accessedPatientIds.add(charge.patientId);
    return charge;
  },

  async creditNote(_parent, { id }, { caller, loaders, accessedPatientIds }) {
    const note = isUuid(id) ? await loaders.creditNoteById.load(id) : null;
    const invoice = note ? await loaders.invoiceById.load(note.invoiceId) : null;
    if (!note || !invoice || !mayReadInvoice(caller, invoice)) throw notFound('CreditNote', id);
    if (invoice.patientId) accessedPatientIds.add(invoice.patientId);
    return note;
  },
};
