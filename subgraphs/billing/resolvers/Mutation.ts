import { recordAuditEvent } from '../../kit/audit';
import type { CallerAssertion } from '../../kit/callerAssertion';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MutationResolvers } from '../__generated__/resolvers';
import { openCharge } from '../charges';
import { issueCreditNote } from '../creditNotes';
import type { Invoice } from '../entities';
import { payCharge } from '../invoices';
import { activateSubscription } from '../subscriptions';

/** The invoice an action issued is an event of its own, in the same transaction. */
const auditInvoiceIssue = (em: EntityManager, caller: CallerAssertion, invoice: Invoice) =>
  recordAuditEvent(em, caller, { action: 'invoice.issue', class: 'billing', outcome: 'SUCCESS', targetType: 'Invoice', targetId: invoice.id });

// The tenant is the caller's, never an argument. The audit trail owns the transaction.
export const Mutation: MutationResolvers = {
  createCharge: (_parent, { input }, { caller, em }) => openCharge(em, caller.tenantId!, input),

  async recordPayment(_parent, { chargeId, amountPaise, method }, { caller, em }) {
    const { invoice } = await payCharge(em, caller.tenantId!, { chargeId, amountPaise, method });
    await auditInvoiceIssue(em, caller, invoice);
    return invoice;
  },

  issueCreditNote: (_parent, { invoiceId, lines, reason }, { caller, em }) => issueCreditNote(em, caller.tenantId!, { invoiceId, lines, reason }),

  async activateBilling(_parent, { plan }, { caller, em }) {
    const { subscription, invoice } = await activateSubscription(em, caller.tenantId!, plan);
    await auditInvoiceIssue(em, caller, invoice);
    return subscription;
  },
};
