/**
 * The clinic dashboard: a page of patients with their latest observation of each
 * kind, their granted consents and their last invoice. Shared by the end-to-end
 * test (a constant number of SQL statements) and the dashboard bench.
 */
export const DASHBOARD_QUERY = /* GraphQL */ `query ClinicDashboard($first: Int!) {
  patients(first: $first) {
    id
    name
    dateOfBirth
    sex
    latest { kind value diastolic unit takenAt }
    consents(status: GRANTED) { id purpose { code } grantee { name } permission { dataEraseAt } }
    lastInvoice { id number issueDate totalPaise status }
  }
}`;

/** The floor: the same page asked of the patient subgraph alone, only the fields it owns. */
export const PATIENT_ONLY_DASHBOARD_QUERY = /* GraphQL */ `query ClinicDashboardPatientFields($first: Int!) {
  patients(first: $first) {
    id
    name
    dateOfBirth
    sex
    latest { kind value diastolic unit takenAt }
  }
}`;

/** The dashboard's page size. */
export const DASHBOARD_PAGE = 50;
