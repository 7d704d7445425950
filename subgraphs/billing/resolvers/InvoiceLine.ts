import type { InvoiceLineResolvers } from '../__generated__/resolvers';

export const InvoiceLine: InvoiceLineResolvers = {
  totalPaise: (line) => line.taxablePaise + line.cgstPaise + line.sgstPaise + line.igstPaise,
};
