export * from './Invoice';
import { InvoiceSchema } from './Invoice';

export const entities = [InvoiceSchema];
