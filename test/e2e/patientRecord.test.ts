import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { CallerAssertion } from '../../subgraphs/kit/callerAssertion';
import { FieldEncryption } from '../../subgraphs/kit/fieldEncryption';
import { createRequestContext, createSubgraphApollo } from '../../subgraphs/kit/subgraphServer';
import { patientSubgraph } from '../../subgraphs/patient';
import type { Context } from '../../subgraphs/patient/loaders';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { CREATE_PATIENT as CREATE, PATIENT_FIELDS as FIELDS, uniqueAbhaNumber, uniquePhoneDigits } from './patientFixtures';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

const UPDATE = `mutation($id: ID!, $input: UpdatePatientInput!) { updatePatient(id: $id, input: $input) { ${FIELDS} } }`;

/** The patient record through the gateway: every field, corrections, search, sealed storage and who may see what. */
describe('patient record', () => {
  let stack: TestStack;
  let clinic: Clinic;
  let otherClinic: Clinic;

  beforeAll(async () => {
    stack = await startTestStack();
    clinic = await seedTestClinic(stack, 3);
    otherClinic = await seedTestClinic(stack, 1);
  });
  afterAll(() => stack.close());

  const asClinician = () => devToken(clinic.users.CLINICIAN);
  const create = (input: Record<string, unknown>, token = asClinician()) => graphql(stack.gateway.url, CREATE, { input }, token);
  const fullInput = () => {
    const phone = uniquePhoneDigits();
    return {
      name: `Asha Rao ${randomUUID().slice(0, 6)}`,
      dateOfBirth: '1968-03-14',
      sex: 'FEMALE',
      phone: `+91 ${phone.slice(0, 5)} ${phone.slice(5)}`,
      email: `Asha.${randomUUID().slice(0, 6)}@Example.in`,
      abhaNumber: uniqueAbhaNumber().replace(/-/g, ''),
      abhaAddress: `asha.${randomUUID().slice(0, 6)}@sbx`,
      address: ' 14 Carter Road, Bandra West, Mumbai 400050 ',
      stateCode: '27',
    };
  };
  const patientCount = async () => (await sql(stack, 'select count(*)::int as count from patient.patient'))[0].count as number;

  it('creates a patient with every field, normalised, and reads it back', async () => {
    const input = fullInput();
    const { body } = await create(input);
    expect(body.errors).toBeUndefined();
    const created = body.data.createPatient;
    const abha = input.abhaNumber;
    expect(created).toMatchObject({
      name: input.name,
      dateOfBirth: '1968-03-14',
      sex: 'FEMALE',
      phone: `+91${input.phone.replace(/\D/g, '').slice(2)}`,
      email: input.email.toLowerCase(),
      abhaNumber: `${abha.slice(0, 2)}-${abha.slice(2, 6)}-${abha.slice(6, 10)}-${abha.slice(10)}`,
      abhaAddress: input.abhaAddress,
      address: '14 Carter Road, Bandra West, Mumbai 400050',
      stateCode: '27',
    });
    const read = await graphql(stack.gateway.url, `query($id: ID!) { patient(id: $id) { ${FIELDS} } }`, { id: created.id }, asClinician());
    expect(read.body.data.patient).toEqual(created);
  });

  it('keeps the phone and ABHA number only sealed in the table: the digits never appear in the raw row', async () => {
    const input = fullInput();
    const { body } = await create(input);
    const id = body.data.createPatient.id;
    const [row] = await sql(stack, 'select * from patient.patient where id = ?', [id]);
    const raw = JSON.stringify(row, (_key, value) => (value?.type === 'Buffer' ? Buffer.from(value.data).toString('latin1') : value));
    const phoneDigits = input.phone.replace(/\D/g, '').slice(2);
    for (const secret of [phoneDigits, phoneDigits.slice(2), input.abhaNumber, input.abhaNumber.slice(2)]) expect(raw).not.toContain(secret);
    expect(Object.keys(row)).not.toContain('phone');
    expect(Object.keys(row)).not.toContain('abha_number');
    // Nor as text anywhere PostgreSQL could show it: no column of the row, cast to text, holds the digits.
    const [{ hits }] = await sql(stack, 'select count(*)::int as hits from patient.patient p where p.id = ? and (p::text like ? or p::text like ?)', [id, `%${phoneDigits}%`, `%${input.abhaNumber}%`]);
    expect(hits).toBe(0);
    expect(Buffer.from(row.phone_encrypted)[0]).toBe(1);
    expect(Buffer.from(row.phone_encrypted).length).toBe(1 + 12 + 16 + '+91'.length + 10);
    expect(Buffer.from(row.abha_number_hash).length).toBe(32);
  });

  it('finds a patient by exact ABHA number (with or without hyphens) and by phone (any common writing)', async () => {
    const input = fullInput();
    const { body } = await create(input);
    const id = body.data.createPatient.id;
    const abha = input.abhaNumber;
    const phone = input.phone.replace(/\D/g, '').slice(2);
    const search = async (text: string) =>
      (await graphql(stack.gateway.url, 'query($s: String) { patients(first: 10, search: $s) { id } }', { s: text }, asClinician())).body.data.patients.map((p: { id: string }) => p.id);
    for (const text of [abha, `${abha.slice(0, 2)}-${abha.slice(2, 6)}-${abha.slice(6, 10)}-${abha.slice(10)}`]) expect(await search(text)).toEqual([id]);
    for (const text of [phone, `+91${phone}`, `0${phone}`, `+91 ${phone.slice(0, 5)} ${phone.slice(5)}`]) expect(await search(text)).toEqual([id]);
    // exact only: a prefix of the number finds nobody
    expect(await search(abha.slice(0, 13) + String((Number(abha[13]) + 1) % 10))).toEqual([]);
    expect(await search(input.name.slice(5).toUpperCase())).toEqual([id]);
    // another clinic searching the same number finds nothing
    const other = await graphql(stack.gateway.url, 'query($s: String) { patients(first: 10, search: $s) { id } }', { s: abha }, devToken(otherClinic.users.CLINICIAN));
    expect(other.body.data.patients).toEqual([]);
  });

  it.each([
    ['phone', { phone: '5123456789' }],
    ['phone', { phone: '+44 7700 900123' }],
    ['email', { email: 'asha@' }],
    ['abhaNumber', { abhaNumber: '12-3456-7890-123' }],
    ['abhaAddress', { abhaAddress: '9asha@abdm' }],
    ['abhaAddress', { abhaAddress: 'abc@abdm' }],
    ['abhaAddress', { abhaAddress: 'asha.rao@gmail.com' }],
    ['address', { address: 'x'.repeat(501) }],
    ['stateCode', { stateCode: '39' }],
    ['dateOfBirth', { dateOfBirth: '1968-02-30' }],
    ['name', { name: '   ' }],
  ])('refuses a bad %s on create with BAD_USER_INPUT naming it, and writes nothing', async (field, bad) => {
    const before = await patientCount();
    const { body } = await create({ ...fullInput(), ...bad });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(body.data).toBeNull();
    expect(await patientCount()).toBe(before);
  });

  it('corrects only the fields given, clears one with null, and records patient.update', async () => {
    const { body } = await create(fullInput());
    const created = body.data.createPatient;
    const newPhone = uniquePhoneDigits();
    const requestId = `update-${randomUUID()}`;
    const { body: updated } = await graphql(
      stack.gateway.url,
      UPDATE,
      { id: created.id, input: { phone: newPhone, address: null, stateCode: '29' } },
      { ...asClinician(), 'x-request-id': requestId },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updatePatient).toEqual({ ...created, phone: `+91${newPhone}`, address: null, stateCode: '29', updatedAt: expect.any(String) });
    expect(Date.parse(updated.data.updatePatient.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    const events = await sql(stack, 'select action, class, outcome, target_id, actor_id from audit.audit_event where request_id = ?', [requestId]);
    const [clinician] = await sql(stack, 'select id from identity."user" where email = ?', [clinic.users.CLINICIAN]);
    expect(events).toEqual([{ action: 'patient.update', class: 'security', outcome: 'SUCCESS', target_id: created.id, actor_id: clinician.id }]);
    // the old phone no longer finds the patient, the new one does
    const search = (s: string) => graphql(stack.gateway.url, 'query($s: String) { patients(first: 5, search: $s) { id } }', { s }, asClinician());
    expect((await search(created.phone)).body.data.patients).toEqual([]);
    expect((await search(newPhone)).body.data.patients).toEqual([{ id: created.id }]);
  });

  it.each([
    ['phone', { phone: '12345' }],
    ['abhaNumber', { abhaNumber: 'not-an-abha' }],
    ['stateCode', { stateCode: 'MH' }],
    ['name', { name: null }],
    ['sex', { sex: null }],
  ])('refuses a bad %s on update naming it, and changes nothing', async (field, bad) => {
    const { body } = await create(fullInput());
    const id = body.data.createPatient.id;
    const [before] = await sql(stack, 'select * from patient.patient where id = ?', [id]);
    // a valid change beside the bad one must not land either
    const { body: reply } = await graphql(stack.gateway.url, UPDATE, { id, input: { email: 'changed@example.in', ...bad } }, asClinician());
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await sql(stack, 'select * from patient.patient where id = ?', [id])).toEqual([before]);
  });

  it('refuses a second patient with the same ABHA number in one clinic with CONFLICT, but not in another clinic', async () => {
    const input = fullInput();
    await create(input);
    const again = await create({ ...fullInput(), abhaNumber: input.abhaNumber });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'abhaNumber' });
    const elsewhere = await create({ ...fullInput(), abhaNumber: input.abhaNumber }, devToken(otherClinic.users.CLINICIAN));
    expect(elsewhere.body.errors).toBeUndefined();
  });

  it("answers NOT_FOUND for another clinic's patient, to read or to correct", async () => {
    const id = otherClinic.patientIds[0]!;
    const read = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { id phone } }', { id }, asClinician());
    expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [before] = await sql(stack, 'select * from patient.patient where id = ?', [id]);
    const update = await graphql(stack.gateway.url, UPDATE, { id, input: { name: 'Taken Over' } }, asClinician());
    expect(update.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await sql(stack, 'select * from patient.patient where id = ?', [id])).toEqual([before]);
  });

  it('lets a PATIENT read their own record with every field through myRecord and patient(id), and no one else', async () => {
    const token = devToken(clinic.users.PATIENT);
    const own = clinic.patientIds[0]!;
    const mine = await graphql(stack.gateway.url, `{ myRecord { ${FIELDS} } }`, {}, token);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data.myRecord).toMatchObject({ id: own, phone: expect.stringMatching(/^\+91\d{10}$/), abhaNumber: expect.stringMatching(/^00-0000-\d{4}-\d{4}$/) });
    const byId = await graphql(stack.gateway.url, `query($id: ID!) { patient(id: $id) { ${FIELDS} } }`, { id: own }, token);
    expect(byId.body.data.patient).toEqual(mine.body.data.myRecord);
    for (const id of [clinic.patientIds[1]!, otherClinic.patientIds[0]!, randomUUID()]) {
      const other = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { id name } }', { id }, token);
      expect(other.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(other.body.data).toBeNull();
    }
    const search = await graphql(stack.gateway.url, '{ patients(first: 5) { id } }', {}, token);
    expect(search.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps corrections and myRecord to their callers: a PATIENT cannot update, staff have no myRecord', async () => {
    const own = clinic.patientIds[0]!;
    const patientUpdate = await graphql(stack.gateway.url, UPDATE, { id: own, input: { name: 'Self Edited' } }, devToken(clinic.users.PATIENT));
    expect(patientUpdate.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const staff = await graphql(stack.gateway.url, '{ myRecord { id } }', {}, asClinician());
    expect(staff.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('guards each sensitive field on its own: a record reaching a PATIENT who is not its subject shows none of them', async () => {
    // A resolver that (wrongly) hands a PATIENT someone else's record: the field rules still refuse the sensitive fields.
    const leaky = { ...patientSubgraph, resolvers: { ...patientSubgraph.resolvers, Query: { ...(patientSubgraph.resolvers.Query as object), myRecord: (_p: unknown, _a: unknown, ctx: Context) => ctx.loaders.patientById.load(clinic.patientIds[1]!) } } };
    const log = pino({ level: 'silent' });
    const server = createSubgraphApollo(leaky, { orm: stack.serviceOrms.patient, signingKey: stack.config.internalSigningKey, log });
    const [user] = await sql(stack, 'select id, patient_id from identity."user" where email = ?', [clinic.users.PATIENT]);
    const caller: CallerAssertion = { userId: user.id, tenantId: clinic.tenantId, tenantActive: true, roles: ['PATIENT'], patientId: user.patient_id, sessionId: null, clientId: null, requestId: randomUUID(), clientIp: null, userAgent: null };
    const contextValue = createRequestContext(leaky, stack.serviceOrms.patient, caller, log, { fieldEncryption: new FieldEncryption(stack.config.dataEncryptionKey) });
    const response = await server.executeOperation({ query: '{ myRecord { id name phone abhaNumber email address abhaAddress latest { kind } } }' }, { contextValue });
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    expect(result?.data).toBeNull(); // non-null fields refused, so the record is not served
    const refused = (result?.errors ?? []).map((e) => [e.path?.at(-1), e.extensions?.code]);
    expect(refused).toEqual(expect.arrayContaining([['phone', 'FORBIDDEN'], ['abhaNumber', 'FORBIDDEN'], ['email', 'FORBIDDEN'], ['address', 'FORBIDDEN'], ['abhaAddress', 'FORBIDDEN'], ['latest', 'FORBIDDEN']]));
    // and the same query for their own record serves every field
    const honest = createSubgraphApollo(patientSubgraph, { orm: stack.serviceOrms.patient, signingKey: stack.config.internalSigningKey, log });
    const own = await honest.executeOperation({ query: '{ myRecord { id phone abhaNumber } }' }, { contextValue: createRequestContext(patientSubgraph, stack.serviceOrms.patient, caller, log, { fieldEncryption: new FieldEncryption(stack.config.dataEncryptionKey) }) });
    expect(own.body.kind === 'single' && own.body.singleResult.data).toMatchObject({ myRecord: { id: user.patient_id, phone: expect.stringMatching(/^\+91/) } });
  });
});
