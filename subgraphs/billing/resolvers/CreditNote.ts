import { notFound } from '../../kit/errors';
import type { CreditNoteLineResolvers, CreditNoteResolvers } from '../__generated__/resolvers';
import { mayReadInvoice } from '../access';

export const CreditNote: CreditNoteResolvers = {
  __resolveReference: async (reference, { caller, loaders }) => {
    const note = await loaders.creditNoteById.load(reference.id);
    const invoice = note ? await loaders.invoiceById.load(note.invoiceId) : null;
    return note && invoice && mayReadInvoice(caller, invoice) ? note : null;
  },
  invoice: async (note, _args, { loaders }) => {
    const invoice = await loaders.invoiceById.load(note.invoiceId);
    if (!invoice) throw notFound('Invoice', note.invoiceId);
    return invoice;
  },
  lines: (note, _args, { loaders }) => loaders.creditNoteLinesByCreditNoteId.load(note.id),
};

export const CreditNoteLine: CreditNoteLineResolvers = {
  invoiceLine: async (line, _args, { loaders }) => {
    const invoiceLine = await loaders.invoiceLineById.load(line.invoiceLineId);
    if (!invoiceLine) throw notFound('InvoiceLine', line.invoiceLineId);
    return invoiceLine;
  },
};
