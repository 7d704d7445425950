import { badUserInput } from '../kit/errors';
import { isGstStateCode } from '../kit/gst';

/** A person's name as entered: trimmed, 1 to 200 characters. */
export function validPatientName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw badUserInput('name must be 1 to 200 characters', 'name');
  return trimmed;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date of birth as YYYY-MM-DD: a real calendar date, not in the future, not before 1900. */
export function validDateOfBirth(value: string | null | undefined, today: Date = new Date()): string | null {
  if (value == null) return null;
  const match = ISO_DATE.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw badUserInput('dateOfBirth must be a calendar date written YYYY-MM-DD', 'dateOfBirth');
  }
  if (date.getTime() > today.getTime()) throw badUserInput('dateOfBirth cannot be in the future', 'dateOfBirth');
  if (date.getUTCFullYear() < 1900) throw badUserInput('dateOfBirth cannot be before 1900', 'dateOfBirth');
  return value;
}

/** An optional text field: trimmed, empty means absent. */
const blankToNull = (value: string | null | undefined): string | null => (value == null || value.trim() === '' ? null : value.trim());

const INDIAN_MOBILE = /^(?:\+91|91|0)?([6-9]\d{9})$/;

/** An Indian mobile number in E.164 (+91XXXXXXXXXX), or null when `value` is not one. Spaces, hyphens and brackets are ignored. */
export function normalisePhone(value: string): string | null {
  const match = INDIAN_MOBILE.exec(value.replace(/[\s\-()]/g, ''));
  return match ? `+91${match[1]}` : null;
}

/** A patient's phone: an Indian mobile number (10 digits starting 6-9, optionally after +91, 91 or 0), normalised to E.164. */
export function validPhone(value: string | null | undefined): string | null {
  const text = blankToNull(value);
  if (text === null) return null;
  const phone = normalisePhone(text);
  if (!phone) throw badUserInput('phone must be an Indian mobile number: 10 digits starting with 6, 7, 8 or 9, optionally after +91', 'phone');
  return phone;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** An email address: one @, a dotted domain, no spaces, at most 254 characters; kept lower-case. */
export function validEmail(value: string | null | undefined): string | null {
  const text = blankToNull(value);
  if (text === null) return null;
  if (text.length > 254 || !EMAIL.test(text)) throw badUserInput('email must be an address such as name@example.in', 'email');
  return text.toLowerCase();
}

const ABHA_NUMBER = /^\d{2}-?\d{4}-?\d{4}-?\d{4}$/;

/** The 14 digits of an ABHA number written with or without its hyphens (NN-NNNN-NNNN-NNNN), or null when it is not one. */
export function normaliseAbhaNumber(value: string): string | null {
  const text = value.trim();
  return ABHA_NUMBER.test(text) ? text.replace(/-/g, '') : null;
}

/** An ABHA number (COMPLIANCE.md "ABDM shapes"): 14 digits, hyphens optional; kept as the digits. */
export function validAbhaNumber(value: string | null | undefined): string | null {
  const text = blankToNull(value);
  if (text === null) return null;
  const digits = normaliseAbhaNumber(text);
  if (!digits) throw badUserInput('abhaNumber must be 14 digits, written NN-NNNN-NNNN-NNNN or without hyphens', 'abhaNumber');
  return digits;
}

/** The 14 digits of an ABHA number as it is written: NN-NNNN-NNNN-NNNN. */
export function formatAbhaNumber(digits: string): string {
  return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6, 10)}-${digits.slice(10, 14)}`;
}

const ABHA_ADDRESS = /^([a-z][a-z0-9._]{3,31})@(abdm|sbx)$/;

/** An ABHA address: `name@abdm` (`@sbx` in the sandbox), at least 4 characters before @, not starting with a digit; kept lower-case. */
export function validAbhaAddress(value: string | null | undefined): string | null {
  const text = blankToNull(value);
  if (text === null) return null;
  const address = text.toLowerCase();
  if (!ABHA_ADDRESS.test(address)) {
    throw badUserInput('abhaAddress must be name@abdm or name@sbx, with 4 to 32 letters, digits, dots or underscores before @, starting with a letter', 'abhaAddress');
  }
  return address;
}

/** A postal address as entered: trimmed, at most 500 characters. */
export function validAddress(value: string | null | undefined): string | null {
  const text = blankToNull(value);
  if (text !== null && text.length > 500) throw badUserInput('address must be at most 500 characters', 'address');
  return text;
}

/** A GST State code (01-38, 97, 99), the State of the patient's address. */
export function validStateCode(value: string | null | undefined): string | null {
  const text = blankToNull(value);
  if (text !== null && !isGstStateCode(text)) throw badUserInput(`stateCode ${text} is not a GST State code (01-38, 97 or 99)`, 'stateCode');
  return text;
}

/** What a `patients(search:)` text asks for: an exact ABHA number, an exact phone, or a part of a name. */
export type PatientSearch = { by: 'abhaNumber' | 'phone'; value: string } | { by: 'name'; text: string } | null;

/** Tells a search by its shape: 14 digits is an ABHA number, an Indian mobile number is a phone, anything else a name. */
export function patientSearch(search: string | null | undefined): PatientSearch {
  const text = blankToNull(search);
  if (text === null) return null;
  const abhaNumber = normaliseAbhaNumber(text.replace(/\s/g, ''));
  if (abhaNumber) return { by: 'abhaNumber', value: abhaNumber };
  const phone = normalisePhone(text);
  if (phone) return { by: 'phone', value: phone };
  return { by: 'name', text };
}
