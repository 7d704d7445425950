import type { IRules } from 'graphql-shield';
import { isTenantAdmin, isTenantCaller, isVerifiedGatewayCall, mayWriteClinicalData } from '../kit/rules';

/**
 * Every root field and every declared resolver has a rule; anything else is denied.
 * Which invoice a tenant caller may read (a patient their own) is decided by the
 * resolvers, which answer NOT_FOUND otherwise.
 */
export const permissions: IRules = {
  Query: {
    invoice: isTenantCaller,
    charge: isTenantCaller,
    creditNote: isTenantCaller,
    _entities: isTenantCaller,
    _service: isVerifiedGatewayCall,
  },
  Mutation: {
    createCharge: mayWriteClinicalData,
    recordPayment: mayWriteClinicalData,
    issueCreditNote: mayWriteClinicalData,
    activateBilling: isTenantAdmin,
  },
  Invoice: {
    patient: isTenantCaller,
    supplier: isTenantCaller,
    recipient: isTenantCaller,
    placeOfSupply: isTenantCaller,
    taxKind: isTenantCaller,
    lines: isTenantCaller,
    creditNotes: isTenantCaller,
  },
  InvoiceLine: { totalPaise: isTenantCaller },
  Charge: {
    patient: isTenantCaller,
    recipient: isTenantCaller,
    lines: isTenantCaller,
    invoice: isTenantCaller,
  },
  CreditNote: {
    invoice: isTenantCaller,
    lines: isTenantCaller,
  },
  CreditNoteLine: { invoiceLine: isTenantCaller },
  BillingSubscription: { invoice: isTenantAdmin },
  Patient: {
    invoices: isTenantCaller,
    lastInvoice: isTenantCaller,
    charges: isTenantCaller,
  },
};
