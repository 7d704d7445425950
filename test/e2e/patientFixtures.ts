import { randomInt } from 'node:crypto';

/** Shared by the patient e2e tests: the record's fields and the operations that write it. */
export const PATIENT_FIELDS = 'id name dateOfBirth sex phone email abhaNumber abhaAddress address stateCode createdAt updatedAt';
export const CREATE_PATIENT = `mutation($input: CreatePatientInput!) { createPatient(input: $input) { ${PATIENT_FIELDS} } }`;
export const RECORD_OBSERVATION = 'mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id kind value diastolic unit takenAt recordedAt } }';

/** Unique made-up identifiers: ABHA numbers in the 00- block no one is issued, phones in a made-up 81 block. */
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');
export const uniqueAbhaNumber = () => { const d = `00${digits(12)}`; return `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6, 10)}-${d.slice(10)}`; };
export const uniquePhoneDigits = () => `81${digits(8)}`;
