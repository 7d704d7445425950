import { badUserInput } from '../kit/errors';

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
