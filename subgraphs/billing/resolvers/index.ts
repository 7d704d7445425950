import { DateTime } from '../../kit/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { BillingSubscription } from './BillingSubscription';
import { Charge } from './Charge';
import { CreditNote, CreditNoteLine } from './CreditNote';
import { Invoice } from './Invoice';
import { InvoiceLine } from './InvoiceLine';
import { Mutation } from './Mutation';
import { Patient } from './Patient';
import { Query } from './Query';

export const resolvers: Resolvers = { DateTime, BillingSubscription, Charge, CreditNote, CreditNoteLine, Invoice, InvoiceLine, Mutation, Patient, Query };
