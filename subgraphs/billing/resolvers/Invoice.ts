import { gstStateName } from '../../kit/gst';
import type { InvoiceResolvers } from '../__generated__/resolvers';
import { mayReadInvoice } from '../access';

const party = (name: string, address: string, gstin: string | null, stateCode: string) => ({ name, address, gstin, stateCode, stateName: gstStateName(stateCode) });

export const Invoice: InvoiceResolvers = {
  __resolveReference: async (reference, { caller, loaders }) => {
    const invoice = await loaders.invoiceById.load(reference.id);
    return invoice && mayReadInvoice(caller, invoice) ? invoice : null;
  },
  patient: (invoice) => (invoice.patientId ? { id: invoice.patientId } : null),
  supplier: (i) => party(i.supplierName, i.supplierAddress, i.supplierGstin, i.supplierStateCode),
  recipient: (i) => party(i.recipientName, i.recipientAddress, i.recipientGstin, i.recipientStateCode),
  placeOfSupply: (i) => ({ stateCode: i.placeOfSupplyStateCode, stateName: gstStateName(i.placeOfSupplyStateCode) }),
  taxKind: (i) => (i.supplierStateCode === i.placeOfSupplyStateCode ? 'CGST_SGST' : 'IGST'),
  lines: (invoice, _args, { loaders }) => loaders.invoiceLinesByInvoiceId.load(invoice.id),
  creditNotes: (invoice, _args, { loaders }) => loaders.creditNotesByInvoiceId.load(invoice.id),
};
