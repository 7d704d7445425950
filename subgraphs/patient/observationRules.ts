import { badUserInput } from '../kit/errors';

export const OBSERVATION_KINDS = [
  'BLOOD_PRESSURE', 'HBA1C', 'FASTING_GLUCOSE', 'LDL', 'HDL', 'TRIGLYCERIDES', 'WEIGHT', 'HEIGHT', 'BMI', 'EGFR',
] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

/** An inclusive plausibility range, as decimal strings (compared exactly, never as floats). */
export interface PlausibleRange {
  min: string;
  max: string;
}

/**
 * The one table of units and plausible values per kind. A value outside its range
 * is far more likely a typing or unit mistake than a real measurement, so it is
 * refused rather than stored. Cholesterol converts at 38.67 mg/dL per mmol/L,
 * triglycerides at 88.57, glucose at 18.02; HbA1c mmol/mol = (% - 2.15) x 10.929.
 * For BLOOD_PRESSURE `value` is the systolic and `diastolic` the diastolic pressure.
 */
export const OBSERVATION_UNITS: Readonly<Record<ObservationKind, Readonly<Record<string, PlausibleRange>>>> = {
  BLOOD_PRESSURE: { mmHg: { min: '50', max: '300' } },
  HBA1C: { '%': { min: '3', max: '20' }, 'mmol/mol': { min: '9', max: '195' } },
  FASTING_GLUCOSE: { 'mg/dL': { min: '20', max: '700' }, 'mmol/L': { min: '1.1', max: '38.9' } },
  LDL: { 'mg/dL': { min: '10', max: '500' }, 'mmol/L': { min: '0.26', max: '12.93' } },
  HDL: { 'mg/dL': { min: '5', max: '200' }, 'mmol/L': { min: '0.13', max: '5.17' } },
  TRIGLYCERIDES: { 'mg/dL': { min: '10', max: '5000' }, 'mmol/L': { min: '0.11', max: '56.45' } },
  WEIGHT: { kg: { min: '1', max: '400' } },
  HEIGHT: { cm: { min: '30', max: '250' } },
  BMI: { 'kg/m2': { min: '8', max: '100' } },
  EGFR: { 'mL/min/1.73m2': { min: '1', max: '200' } },
};

/** The diastolic pressure's own range (mmHg); it must also be below the systolic. */
export const DIASTOLIC_RANGE: PlausibleRange = { min: '20', max: '200' };

/** Measuring devices' clocks drift; a reading this far ahead of the server's clock is still "now". */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

const DECIMAL = /^(\d{1,5})(?:\.(\d{1,2}))?$/;

/** A decimal string in hundredths as a bigint, for exact comparison; null when it is not a decimal of the accepted shape. */
function hundredths(decimal: string): bigint | null {
  const match = DECIMAL.exec(decimal);
  if (!match) return null;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/**
 * A measured value: a positive decimal of at most 5 digits before the point and 2
 * after (written as entered, leading zeros dropped), inside `range` of `unit`.
 */
export function validMeasurement(raw: string, field: string, unit: string, range: PlausibleRange): string {
  const text = raw.trim();
  const exact = hundredths(text);
  if (exact === null) throw badUserInput(`${field} must be a decimal number such as 120 or 6.5, with at most 2 decimal places`, field);
  if (exact < hundredths(range.min)! || exact > hundredths(range.max)!) {
    throw badUserInput(`${field} ${text} ${unit} is outside the plausible range ${range.min} to ${range.max} ${unit}`, field);
  }
  return text.replace(/^0+(?=\d)/, '');
}

export interface ObservationInput {
  kind: ObservationKind;
  value: string;
  diastolic?: string | null;
  unit: string;
  takenAt: Date;
}

/** An observation checked against the table: unit of the kind, plausible values, BP as one reading of two values, takenAt not in the future. */
export function validObservation(input: ObservationInput, now: Date = new Date()): Required<ObservationInput> {
  const units = OBSERVATION_UNITS[input.kind];
  if (!units) throw badUserInput(`${String(input.kind)} is not an observation kind`, 'kind');
  const range = Object.hasOwn(units, input.unit) ? units[input.unit]! : null;
  if (!range) throw badUserInput(`unit of ${input.kind} must be one of ${Object.keys(units).join(', ')}`, 'unit');
  const value = validMeasurement(input.value, 'value', input.unit, range);
  let diastolic: string | null = null;
  if (input.kind === 'BLOOD_PRESSURE') {
    if (input.diastolic == null) throw badUserInput('diastolic is required for BLOOD_PRESSURE', 'diastolic');
    diastolic = validMeasurement(input.diastolic, 'diastolic', input.unit, DIASTOLIC_RANGE);
    if (hundredths(diastolic)! >= hundredths(value)!) throw badUserInput('diastolic must be below the systolic pressure (value)', 'diastolic');
  } else if (input.diastolic != null) {
    throw badUserInput(`diastolic is only for BLOOD_PRESSURE, not ${input.kind}`, 'diastolic');
  }
  if (input.takenAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badUserInput('takenAt cannot be in the future', 'takenAt');
  if (input.takenAt.getUTCFullYear() < 1900) throw badUserInput('takenAt cannot be before 1900', 'takenAt');
  return { kind: input.kind, value, diastolic, unit: input.unit, takenAt: input.takenAt };
}
