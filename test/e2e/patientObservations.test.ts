import { randomUUID } from 'node:crypto';
import { OBSERVATION_KINDS, OBSERVATION_UNITS, type ObservationKind } from '../../subgraphs/patient/observationRules';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { RECORD_OBSERVATION as RECORD } from './patientFixtures';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

const HISTORY = `query($id: ID!, $kind: ObservationKind, $from: DateTime, $to: DateTime, $last: Int!) {
  patient(id: $id) { observations(kind: $kind, from: $from, to: $to, last: $last) { kind value diastolic unit takenAt } }
}`;
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();

/** A plausible reading per kind (the first unit of the table). */
const PLAUSIBLE: Record<ObservationKind, { value: string; diastolic?: string }> = {
  BLOOD_PRESSURE: { value: '134', diastolic: '86' }, HBA1C: { value: '7.20' }, FASTING_GLUCOSE: { value: '118' }, LDL: { value: '131' },
  HDL: { value: '42' }, TRIGLYCERIDES: { value: '176' }, WEIGHT: { value: '81.35' }, HEIGHT: { value: '171' }, BMI: { value: '27.8' }, EGFR: { value: '74' },
};
const firstUnit = (kind: ObservationKind) => Object.keys(OBSERVATION_UNITS[kind])[0]!;

/** Cardiometabolic observations through the gateway: recording, history, latest, and every refusal. */
describe('patient observations', () => {
  let stack: TestStack;
  let clinic: Clinic;
  let otherClinic: Clinic;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 2);
    otherClinic = await seedTestClinic(stack, 1);
  });
  afterAll(() => stack.close());

  const asClinician = () => devToken(clinic.users.CLINICIAN);
  const record = (input: Record<string, unknown>, token = asClinician(), headers: Record<string, string> = {}) =>
    graphql(stack.gateway.url, RECORD, { input }, { ...token, ...headers });
  /** A fresh patient with no observations, so every count below is this test's own. */
  const newPatient = async (): Promise<string> => {
    const { body } = await graphql(stack.gateway.url, 'mutation($name: String!) { createPatient(input: { name: $name }) { id } }', { name: `Obs ${randomUUID().slice(0, 8)}` }, asClinician());
    return body.data.createPatient.id;
  };
  const observationCount = async () => (await sql(stack, 'select count(*)::int as count from patient.observation'))[0].count as number;

  it.each(OBSERVATION_KINDS)('records %s as an exact decimal, stored as numeric, and audits who wrote it', async (kind) => {
    const patientId = await newPatient();
    const requestId = `observation-${randomUUID()}`;
    const takenAt = daysAgo(1);
    const { body } = await record({ patientId, kind, unit: firstUnit(kind), takenAt, ...PLAUSIBLE[kind] }, asClinician(), { 'x-request-id': requestId });
    expect(body.errors).toBeUndefined();
    expect(body.data.recordObservation).toMatchObject({ kind, value: PLAUSIBLE[kind].value, diastolic: PLAUSIBLE[kind].diastolic ?? null, unit: firstUnit(kind), takenAt });
    const [row] = await sql(stack, 'select value::text as value, pg_typeof(value)::text as type, tenant_id from patient.observation where id = ?', [body.data.recordObservation.id]);
    expect(row).toEqual({ value: PLAUSIBLE[kind].value, type: 'numeric', tenant_id: clinic.tenantId });
    const [clinician] = await sql(stack, 'select id from identity."user" where email = ?', [clinic.users.CLINICIAN]);
    const events = await sql(stack, 'select action, class, outcome, actor_id, target_id from audit.audit_event where request_id = ?', [requestId]);
    expect(events).toEqual([{ action: 'observation.record', class: 'security', outcome: 'SUCCESS', actor_id: clinician.id, target_id: body.data.recordObservation.id }]);
  });

  it('accepts the second unit of a kind, and a value sent as a JSON number, returning strings', async () => {
    const patientId = await newPatient();
    const mmol = await record({ patientId, kind: 'LDL', unit: 'mmol/L', value: '3.40', takenAt: daysAgo(2) });
    expect(mmol.body.data.recordObservation).toMatchObject({ value: '3.40', unit: 'mmol/L' });
    const integer = await record({ patientId, kind: 'EGFR', unit: 'mL/min/1.73m2', value: 92, takenAt: daysAgo(2) });
    expect(integer.body.data.recordObservation.value).toBe('92');
    const float = await record({ patientId, kind: 'HBA1C', unit: '%', value: 6.5, takenAt: daysAgo(2) });
    expect(float.body.data.recordObservation.value).toBe('6.5');
    // a number floating point has already bent is refused, not rounded
    const bent = await record({ patientId, kind: 'HBA1C', unit: '%', value: 1.1 + 2.2, takenAt: daysAgo(2) });
    expect(bent.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
  });

  it.each(OBSERVATION_KINDS)('refuses %s in a unit of another kind, or out of its plausible range, naming the field, and writes nothing', async (kind) => {
    const patientId = await newPatient();
    const before = await observationCount();
    const unit = firstUnit(kind);
    const wrongUnit = await record({ patientId, kind, unit: kind === 'WEIGHT' ? 'cm' : 'kg', takenAt: daysAgo(1), ...PLAUSIBLE[kind] });
    expect(wrongUnit.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unit' });
    const { max } = OBSERVATION_UNITS[kind][unit]!;
    const tooHigh = await record({ patientId, kind, unit, takenAt: daysAgo(1), ...PLAUSIBLE[kind], value: String(Number(max) + 1) });
    expect(tooHigh.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'value' });
    expect(await observationCount()).toBe(before);
  });

  it.each([
    ['takenAt', { takenAt: new Date(Date.now() + DAY).toISOString() }],
    ['diastolic', { diastolic: null }],
    ['diastolic', { diastolic: '140' }],
    ['value', { value: '120.555' }],
    ['value', { value: '-120' }],
  ])('refuses a blood pressure with a bad %s, and writes nothing', async (field, bad) => {
    const patientId = await newPatient();
    const before = await observationCount();
    const { body } = await record({ patientId, kind: 'BLOOD_PRESSURE', unit: 'mmHg', value: '128', diastolic: '84', takenAt: daysAgo(1), ...bad });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await observationCount()).toBe(before);
  });

  it("refuses an observation for another clinic's patient with NOT_FOUND, and a PATIENT may not record", async () => {
    const before = await observationCount();
    const elsewhere = await record({ patientId: otherClinic.patientIds[0], kind: 'BMI', unit: 'kg/m2', value: '24', takenAt: daysAgo(1) });
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const self = await record({ patientId: clinic.patientIds[0], kind: 'BMI', unit: 'kg/m2', value: '24', takenAt: daysAgo(1) }, devToken(clinic.users.PATIENT));
    expect(self.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await observationCount()).toBe(before);
  });

  it('answers the history by kind, by range and the last n, newest first', async () => {
    const patientId = await newPatient();
    for (const [days, value] of [[40, '8.1'], [30, '7.6'], [20, '7.2'], [10, '6.9']] as const) {
      expect((await record({ patientId, kind: 'HBA1C', unit: '%', value, takenAt: daysAgo(days) })).body.errors).toBeUndefined();
    }
    await record({ patientId, kind: 'WEIGHT', unit: 'kg', value: '80.5', takenAt: daysAgo(5) });
    const history = async (vars: Record<string, unknown>) => {
      const { body } = await graphql(stack.gateway.url, HISTORY, { id: patientId, last: 20, ...vars }, asClinician());
      expect(body.errors).toBeUndefined();
      return body.data.patient.observations.map((o: { kind: string; value: string }) => `${o.kind}:${o.value}`);
    };
    expect(await history({})).toEqual(['WEIGHT:80.5', 'HBA1C:6.9', 'HBA1C:7.2', 'HBA1C:7.6', 'HBA1C:8.1']);
    expect(await history({ kind: 'HBA1C' })).toEqual(['HBA1C:6.9', 'HBA1C:7.2', 'HBA1C:7.6', 'HBA1C:8.1']);
    expect(await history({ kind: 'HBA1C', last: 2 })).toEqual(['HBA1C:6.9', 'HBA1C:7.2']);
    expect(await history({ kind: 'HBA1C', from: daysAgo(35), to: daysAgo(15) })).toEqual(['HBA1C:7.2', 'HBA1C:7.6']);
    expect(await history({ from: daysAgo(15) })).toEqual(['WEIGHT:80.5', 'HBA1C:6.9']);
    const tooMany = await graphql(stack.gateway.url, HISTORY, { id: patientId, last: 101 }, asClinician());
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    const backwards = await graphql(stack.gateway.url, HISTORY, { id: patientId, last: 5, from: daysAgo(1), to: daysAgo(10) }, asClinician());
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('answers the latest of each kind, blood pressure with both values', async () => {
    const patientId = await newPatient();
    await record({ patientId, kind: 'BLOOD_PRESSURE', unit: 'mmHg', value: '150', diastolic: '95', takenAt: daysAgo(30) });
    await record({ patientId, kind: 'BLOOD_PRESSURE', unit: 'mmHg', value: '132', diastolic: '84', takenAt: daysAgo(3) });
    await record({ patientId, kind: 'LDL', unit: 'mg/dL', value: '160', takenAt: daysAgo(2) });
    await record({ patientId, kind: 'LDL', unit: 'mmol/L', value: '3.10', takenAt: daysAgo(1) });
    // recorded later but taken earlier: not the latest
    await record({ patientId, kind: 'LDL', unit: 'mg/dL', value: '190', takenAt: daysAgo(60) });
    const { body } = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { latest { kind value diastolic unit } } }', { id: patientId }, asClinician());
    expect(body.data.patient.latest).toEqual([
      { kind: 'BLOOD_PRESSURE', value: '132', diastolic: '84', unit: 'mmHg' },
      { kind: 'LDL', value: '3.10', diastolic: null, unit: 'mmol/L' },
    ]);
  });

  it('lets a PATIENT read their own observations and latest, and records no access event for it', async () => {
    const own = clinic.patientIds[0]!;
    const requestId = `own-observations-${randomUUID()}`;
    const { body } = await graphql(stack.gateway.url, '{ myRecord { latest { kind } observations(kind: HBA1C, last: 1) { value } } }', {}, { ...devToken(clinic.users.PATIENT), 'x-request-id': requestId });
    expect(body.errors).toBeUndefined();
    expect(body.data.myRecord.latest.map((o: { kind: string }) => o.kind)).toEqual(['BLOOD_PRESSURE', 'HBA1C', 'FASTING_GLUCOSE', 'LDL', 'WEIGHT']);
    expect(body.data.myRecord.observations).toHaveLength(1);
    expect(await sql(stack, 'select action from audit.audit_event where request_id = ?', [requestId])).toEqual([]);
  });

  it("records an access event when staff read a patient's observations", async () => {
    const requestId = `staff-observations-${randomUUID()}`;
    const id = clinic.patientIds[1]!;
    await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { latest { kind } } }', { id }, { ...asClinician(), 'x-request-id': requestId });
    const events = await sql(stack, 'select action, class, target_ids from audit.audit_event where request_id = ?', [requestId]);
    expect(events).toEqual([{ action: 'patient.read', class: 'access', target_ids: [id] }]);
  });

  it('keeps the database to its own rules too: a unit of another kind or a lone diastolic is refused by CHECK constraints', async () => {
    const insert = (kind: string, unit: string, diastolic: string | null) =>
      sql(stack, 'insert into patient.observation (id, tenant_id, patient_id, kind, value, diastolic, unit, taken_at) values (gen_random_uuid(), ?, ?, ?, 100, ?, ?, now())', [clinic.tenantId, clinic.patientIds[0], kind, diastolic, unit]);
    await expect(insert('WEIGHT', 'mg/dL', null)).rejects.toThrow(/observation_unit_of_kind/);
    await expect(insert('LDL', 'mg/dL', '80')).rejects.toThrow(/observation_diastolic_only_for_bp/);
    await expect(insert('BLOOD_PRESSURE', 'mmHg', null)).rejects.toThrow(/observation_diastolic_only_for_bp/);
    // a patient of another tenant cannot be pointed at
    await expect(
      sql(stack, "insert into patient.observation (id, tenant_id, patient_id, kind, value, unit, taken_at) values (gen_random_uuid(), ?, ?, 'BMI', 24, 'kg/m2', now())", [clinic.tenantId, otherClinic.patientIds[0]]),
    ).rejects.toThrow(/foreign key/);
  });
});
