import { GraphQLError } from 'graphql';
import { OBSERVATION_KINDS, OBSERVATION_UNITS, validObservation, type ObservationKind } from '../../subgraphs/patient/observationRules';

const now = new Date('2026-12-04T12:00:00Z');
const takenAt = new Date('2026-12-01T08:30:00Z');

function rejection(run: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions.code, field: error.extensions.field, message: error.message };
    throw error;
  }
  throw new Error('expected a rejection');
}

/** A plausible reading, an implausible one on each side, and a unit of another kind, per kind and unit. */
const CASES: Record<ObservationKind, { unit: string; ok: string; low: string; high: string }[]> = {
  BLOOD_PRESSURE: [{ unit: 'mmHg', ok: '132', low: '49', high: '301' }],
  HBA1C: [{ unit: '%', ok: '6.5', low: '2.99', high: '20.01' }, { unit: 'mmol/mol', ok: '48', low: '8', high: '196' }],
  FASTING_GLUCOSE: [{ unit: 'mg/dL', ok: '126', low: '19', high: '701' }, { unit: 'mmol/L', ok: '7.0', low: '1.09', high: '39' }],
  LDL: [{ unit: 'mg/dL', ok: '130', low: '9', high: '501' }, { unit: 'mmol/L', ok: '3.36', low: '0.25', high: '12.94' }],
  HDL: [{ unit: 'mg/dL', ok: '45', low: '4', high: '201' }, { unit: 'mmol/L', ok: '1.16', low: '0.12', high: '5.18' }],
  TRIGLYCERIDES: [{ unit: 'mg/dL', ok: '180', low: '9', high: '5001' }, { unit: 'mmol/L', ok: '2.03', low: '0.1', high: '56.46' }],
  WEIGHT: [{ unit: 'kg', ok: '72.4', low: '0.99', high: '400.01' }],
  HEIGHT: [{ unit: 'cm', ok: '168', low: '29', high: '251' }],
  BMI: [{ unit: 'kg/m2', ok: '25.6', low: '7.99', high: '100.5' }],
  EGFR: [{ unit: 'mL/min/1.73m2', ok: '88', low: '0.5', high: '201' }],
};

const input = (kind: ObservationKind, unit: string, value: string) => ({
  kind, unit, value, diastolic: kind === 'BLOOD_PRESSURE' ? '40' : null, takenAt,
});

describe('observation rules (one table of units and plausible ranges)', () => {
  it('has a case for every kind and every unit of the table', () => {
    expect(Object.keys(CASES).sort()).toEqual([...OBSERVATION_KINDS].sort());
    for (const kind of OBSERVATION_KINDS) expect(CASES[kind].map((c) => c.unit).sort()).toEqual(Object.keys(OBSERVATION_UNITS[kind]).sort());
  });

  describe.each(OBSERVATION_KINDS)('%s', (kind) => {
    it.each(CASES[kind])('accepts a plausible value in $unit, exactly as written', ({ unit, ok }) => {
      expect(validObservation(input(kind, unit, ok), now)).toMatchObject({ kind, unit, value: ok });
    });

    it.each(CASES[kind])('accepts the range limits in $unit', ({ unit }) => {
      const { min, max } = OBSERVATION_UNITS[kind][unit]!;
      expect(validObservation({ ...input(kind, unit, min), diastolic: kind === 'BLOOD_PRESSURE' ? '20' : null }, now).value).toBe(min);
      expect(validObservation(input(kind, unit, max), now).value).toBe(max);
    });

    it.each(CASES[kind])('refuses $low and $high $unit as implausible, naming value', ({ unit, low, high }) => {
      for (const value of [low, high]) {
        const error = rejection(() => validObservation({ ...input(kind, unit, value), diastolic: kind === 'BLOOD_PRESSURE' ? '20' : null }, now));
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
        expect(error.message).toContain('plausible range');
      }
    });

    it('refuses a unit of another kind, naming unit and listing the right ones', () => {
      const foreign = kind === 'WEIGHT' ? 'cm' : 'kg';
      const error = rejection(() => validObservation(input(kind, foreign, CASES[kind][0]!.ok), now));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unit' });
      for (const unit of Object.keys(OBSERVATION_UNITS[kind])) expect(error.message).toContain(unit);
    });
  });

  it('takes units exactly as written (mg/dl is not mg/dL)', () => {
    expect(rejection(() => validObservation(input('LDL', 'mg/dl', '100'), now)).field).toBe('unit');
  });

  it('keeps decimals exact: no float rounding, trailing zeros kept, leading zeros dropped', () => {
    expect(validObservation(input('HBA1C', '%', '6.10'), now).value).toBe('6.10');
    expect(validObservation(input('WEIGHT', 'kg', '072.35'), now).value).toBe('72.35');
    expect(validObservation(input('LDL', 'mmol/L', '0.30'), now).value).toBe('0.30');
  });

  it.each(['6.123', '1e2', '-5', '', 'seven', '12,5', '0x10', '.5'])('refuses %j as a decimal, naming value', (value) => {
    expect(rejection(() => validObservation(input('HBA1C', '%', value), now))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
  });

  describe('blood pressure is one reading of two values', () => {
    it('keeps systolic as value and diastolic beside it', () => {
      expect(validObservation({ kind: 'BLOOD_PRESSURE', unit: 'mmHg', value: '128', diastolic: '82', takenAt }, now)).toMatchObject({ value: '128', diastolic: '82' });
    });
    it('requires the diastolic pressure', () => {
      expect(rejection(() => validObservation({ kind: 'BLOOD_PRESSURE', unit: 'mmHg', value: '128', takenAt }, now)).field).toBe('diastolic');
    });
    it.each(['19', '201', '128', '130'])('refuses diastolic %s (range, and below systolic 128)', (diastolic) => {
      expect(rejection(() => validObservation({ kind: 'BLOOD_PRESSURE', unit: 'mmHg', value: '128', diastolic, takenAt }, now)).field).toBe('diastolic');
    });
    it('refuses a diastolic value on any other kind', () => {
      expect(rejection(() => validObservation({ ...input('LDL', 'mg/dL', '100'), diastolic: '80' }, now)).field).toBe('diastolic');
    });
  });

  it('refuses takenAt in the future (beyond a few minutes of clock drift) or before 1900', () => {
    expect(validObservation({ ...input('BMI', 'kg/m2', '24'), takenAt: new Date(now.getTime() + 60_000) }, now).takenAt).toEqual(new Date(now.getTime() + 60_000));
    expect(rejection(() => validObservation({ ...input('BMI', 'kg/m2', '24'), takenAt: new Date(now.getTime() + 3_600_000) }, now)).field).toBe('takenAt');
    expect(rejection(() => validObservation({ ...input('BMI', 'kg/m2', '24'), takenAt: new Date('1899-12-31T00:00:00Z') }, now)).field).toBe('takenAt');
  });
});
