export * from './Charge';
export * from './ChargeLine';
export * from './CreditNote';
export * from './CreditNoteLine';
export * from './Invoice';
export * from './InvoiceLine';
export * from './Payment';
export * from './Subscription';
import { ChargeSchema } from './Charge';
import { ChargeLineSchema } from './ChargeLine';
import { CreditNoteSchema } from './CreditNote';
import { CreditNoteLineSchema } from './CreditNoteLine';
import { InvoiceSchema } from './Invoice';
import { InvoiceLineSchema } from './InvoiceLine';
import { PaymentSchema } from './Payment';
import { SubscriptionSchema } from './Subscription';

export const entities = [
  ChargeSchema, ChargeLineSchema, PaymentSchema, InvoiceSchema, InvoiceLineSchema,
  CreditNoteSchema, CreditNoteLineSchema, SubscriptionSchema,
];
