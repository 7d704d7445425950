import type { CallerAssertion } from './callerAssertion';

/**
 * Whether the caller may see a patient's record at all (before tenant scoping):
 * clinic staff may read patients of their tenant (the tenant filter enforces which),
 * a PATIENT only their own record, and nobody else any.
 */
export function mayReadPatient(caller: CallerAssertion, patientId: string): boolean {
  if (caller.tenantId === null) return false;
  if (caller.roles.includes('CLINICIAN') || caller.roles.includes('TENANT_ADMIN')) return true;
  return caller.roles.includes('PATIENT') && caller.patientId === patientId;
}
