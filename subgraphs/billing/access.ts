import type { CallerAssertion } from '../kit/callerAssertion';
import { mayReadPatient } from '../kit/patientAccess';
import type { Invoice } from './entities';

/**
 * Whether the caller may read an invoice of their tenant (the tenant filter has
 * already scoped it): a clinic invoice like its patient's record (staff, or the
 * patient themself); the platform's subscription invoice only the clinic's admins.
 */
export function mayReadInvoice(caller: CallerAssertion, invoice: Pick<Invoice, 'supplierKind' | 'patientId'>): boolean {
  if (invoice.supplierKind === 'PLATFORM') return caller.tenantId !== null && caller.roles.includes('TENANT_ADMIN');
  return invoice.patientId !== null && mayReadPatient(caller, invoice.patientId);
}
