/**
 * ABDM-shaped consent artefacts as every subgraph sees them (COMPLIANCE.md, "ABDM
 * shapes" and "DPDP Act"): the code lists, the one rule that says when a consent
 * has expired, and `hasActiveConsent`, which billing or an insurer gateway call
 * before processing a patient's data for a purpose.
 */

export const CONSENT_PURPOSES = ['CAREMGT', 'BTG', 'PUBHLTH', 'HPAYMT', 'DSRCH', 'PATRQT'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** ABDM's text for each purpose code. */
export const CONSENT_PURPOSE_TEXT: Record<ConsentPurpose, string> = {
  CAREMGT: 'Care Management',
  BTG: 'Break the Glass',
  PUBHLTH: 'Public Health',
  HPAYMT: 'Healthcare Payment',
  DSRCH: 'Disease Specific Healthcare Research',
  PATRQT: 'Self Requested',
};

export const HI_TYPES = [
  'OPConsultation',
  'Prescription',
  'DischargeSummary',
  'DiagnosticReport',
  'ImmunizationRecord',
  'HealthDocumentRecord',
  'WellnessRecord',
] as const;
export type HiType = (typeof HI_TYPES)[number];

export const CONSENT_ACCESS_MODES = ['VIEW', 'STORE', 'QUERY', 'STREAM'] as const;
export type ConsentAccessMode = (typeof CONSENT_ACCESS_MODES)[number];

export const CONSENT_FREQUENCY_UNITS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
export type ConsentFrequencyUnit = (typeof CONSENT_FREQUENCY_UNITS)[number];

export type ConsentGranteeKind = 'CLINIC' | 'INSURER';
/** A stored status; EXPIRED is never stored, it is computed (see effectiveConsentStatus). */
export type StoredConsentStatus = 'REQUESTED' | 'GRANTED' | 'DENIED' | 'REVOKED';
export type ConsentStatus = StoredConsentStatus | 'EXPIRED';

/** Who may use the data: the requesting clinic itself, or a named insurer (by its client id). */
export type ConsentGrantee = { kind: 'CLINIC' } | { kind: 'INSURER'; insurerId: string };

/** The part of a consent the time rules read. */
export interface ConsentTiming {
  status: ConsentStatus;
  dateFrom: Date;
  dateTo: Date;
  dataEraseAt: Date;
  revokedAt: Date | null;
}

/**
 * The status a consent reports at `at`. A consent lapses at `permission.dataEraseAt`
 * (ABDM's expiry of the artefact, after which fetched copies must be erased): a
 * REQUESTED or GRANTED consent whose dataEraseAt is not after `at` reports EXPIRED.
 * No job rewrites rows; every reader asks this function.
 */
export function effectiveConsentStatus(consent: Pick<ConsentTiming, 'status' | 'dataEraseAt'>, at: Date = new Date()): ConsentStatus {
  if ((consent.status === 'REQUESTED' || consent.status === 'GRANTED') && consent.dataEraseAt.getTime() <= at.getTime()) return 'EXPIRED';
  return consent.status;
}

/**
 * Whether a consent permits processing at `at`: GRANTED (so neither revoked nor
 * expired, by effectiveConsentStatus) and `at` inside `permission.dateRange`, both ends included.
 */
export function isConsentActiveAt(consent: ConsentTiming, at: Date): boolean {
  return (
    effectiveConsentStatus(consent, at) === 'GRANTED' &&
    consent.revokedAt === null &&
    consent.dateFrom.getTime() <= at.getTime() &&
    at.getTime() <= consent.dateTo.getTime()
  );
}

/** Anything that runs SQL with `?` placeholders: a MikroORM EntityManager or Connection. */
export interface SqlRunner {
  execute(query: string, params?: unknown[]): Promise<unknown>;
}

export interface ActiveConsentQuery {
  tenantId: string;
  grantee: ConsentGrantee;
  purpose: ConsentPurpose;
  hiType: HiType;
  /** The instant of the processing; default now. */
  at?: Date;
}

interface CandidateRow {
  patient_id: string;
  status: StoredConsentStatus;
  date_from: Date;
  date_to: Date;
  data_erase_at: Date;
  revoked_at: Date | null;
}

/**
 * The patients among `patientIds` who hold an active consent for the query, in one
 * SQL statement. SQL narrows by tenant, patient, purpose, grantee and hiType; the
 * time rules are applied by isConsentActiveAt, the same function the resolvers use.
 */
export async function patientsWithActiveConsent(db: SqlRunner, patientIds: readonly string[], query: ActiveConsentQuery): Promise<Set<string>> {
  const active = new Set<string>();
  if (patientIds.length === 0) return active;
  const at = query.at ?? new Date();
  const insurerId = query.grantee.kind === 'INSURER' ? query.grantee.insurerId : null;
  const rows = (await db.execute(
    `select patient_id, status, date_from, date_to, data_erase_at, revoked_at
       from consent.consent
      where tenant_id = ? and patient_id in (?) and status = 'GRANTED' and purpose = ?
        and grantee_kind = ? and grantee_insurer_id is not distinct from ? and ? = any (hi_types)`,
    [query.tenantId, [...patientIds], query.purpose, query.grantee.kind, insurerId, query.hiType],
  )) as CandidateRow[];
  for (const row of rows) {
    const consent: ConsentTiming = { status: row.status, dateFrom: new Date(row.date_from), dateTo: new Date(row.date_to), dataEraseAt: new Date(row.data_erase_at), revokedAt: row.revoked_at ? new Date(row.revoked_at) : null };
    if (isConsentActiveAt(consent, at)) active.add(row.patient_id);
  }
  return active;
}

/**
 * True only when the patient holds a consent GRANTED to `grantee` for `purpose`
 * that covers `hiType`, is neither revoked nor expired at `at`, and whose dateRange
 * covers `at`. Call it before processing a patient's data; a withdrawal takes
 * effect on the next call.
 */
export async function hasActiveConsent(db: SqlRunner, query: ActiveConsentQuery & { patientId: string }): Promise<boolean> {
  const active = await patientsWithActiveConsent(db, [query.patientId], query);
  return active.has(query.patientId);
}
