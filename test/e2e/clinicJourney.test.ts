import { randomUUID } from 'node:crypto';
import { signIn, withCookie } from '../support/sessions';
import { graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { consultation, CREATE_CHARGE, INVOICE_FIELDS, RECORD_PAYMENT } from './billingFixtures';
import { consentInput, decisionMutation, REQUEST_CONSENT } from './consentSupport';
import { CREATE_PATIENT, PATIENT_FIELDS, RECORD_OBSERVATION, uniqueAbhaNumber, uniquePhoneDigits } from './patientFixtures';
import { pdfText } from './pdfText';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

const ME = '{ me { id role tenant { id slug name address stateCode gstin status } } }';
const PATIENT_PASSWORD = 'marigold-ferry-lantern-2031';
const MINUTE = 60_000;
const minutesAgo = (n: number) => new Date(Date.now() - n * MINUTE).toISOString();

/** The visit's vitals, in the order of ObservationKind (the order `latest` answers in), taken 40 to 10 minutes ago. */
const VITALS = [
  { kind: 'BLOOD_PRESSURE', value: '138', diastolic: '88', unit: 'mmHg', takenAt: minutesAgo(40) },
  { kind: 'HBA1C', value: '7.40', diastolic: null, unit: '%', takenAt: minutesAgo(30) },
  { kind: 'WEIGHT', value: '78.50', diastolic: null, unit: 'kg', takenAt: minutesAgo(20) },
  { kind: 'HEIGHT', value: '162', diastolic: null, unit: 'cm', takenAt: minutesAgo(10) },
];

/** The visit's bill: the exempt consultation and a taxed fitness programme (SAC 999723, outside healthcare heading 9993). */
const LINES = [consultation, { sacCode: '999723', description: 'Supervised cardiac fitness sessions', quantity: 3, unitPricePaise: 41_667, gstRate: 18 }];

/** Each line's amounts worked out from the inputs: tax rounded half up to the paisa, the odd paisa of an intra-State split on CGST. */
const expectedLines = LINES.map((line) => {
  const taxablePaise = line.quantity * line.unitPricePaise;
  const taxPaise = Math.round((taxablePaise * line.gstRate) / 100);
  const sgstPaise = Math.floor(taxPaise / 2);
  return { taxablePaise, taxPaise, cgstPaise: taxPaise - sgstPaise, sgstPaise, igstPaise: 0, totalPaise: taxablePaise + taxPaise };
});
const sum = (key: keyof (typeof expectedLines)[number]) => expectedLines.reduce((total, line) => total + line[key], 0);

/** Rupees as the printed invoice writes them, such as `Rs. 1,979.99`. */
const rupees = (paise: number) => `Rs. ${(paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * One visit to a clinic from sign-in to the printed invoice, through the real
 * gateway over HTTP with session cookies only (dev tokens are switched off).
 * The steps run in order and hand their results on to the next.
 */
describe('clinic journey: register, measure, consent, bill, print, audit', () => {
  let stack: TestStack;
  let clinic: Clinic;
  let journeyStart: string;
  const staff = { clinicianId: '', clinicianCookie: null as string | null, adminId: '', adminCookie: null as string | null };
  let tenant: { id: string; slug: string; name: string; address: string; stateCode: string; gstin: string };
  let patient: Record<string, string | null> & { id: string; name: string; address: string };
  const observationIds: string[] = [];
  let consentId: string;
  let chargeId: string;
  let invoice: any;
  const patientUser = { id: '', email: `patient-${randomUUID().slice(0, 8)}@journey.example`, cookie: null as string | null };

  beforeAll(async () => {
    stack = await startTestStack({ DEV_AUTH: 'off' });
    clinic = await seedTestClinic(stack, 1, '27');
  });
  afterAll(() => stack.close());

  /** An operation sent with a session cookie; the step fails on any error. */
  const call = async (cookie: string | null, query: string, variables: Record<string, unknown> = {}) => {
    const { status, body } = await graphql(stack.gateway.url, query, variables, withCookie(cookie));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    return body.data;
  };
  const asClinician = (query: string, variables: Record<string, unknown> = {}) => call(staff.clinicianCookie, query, variables);
  const pdfUrl = (id: string) => stack.gateway.url.replace(/\/graphql$/, `/invoices/${id}.pdf`);

  it('1. a clinician of the approved clinic signs in and gets a session cookie; dev tokens are refused', async () => {
    journeyStart = new Date().toISOString();
    const { response, cookie } = await signIn(stack.gateway.url, clinic.slug, clinic.users.CLINICIAN);
    expect(response.body.data.login.role).toBe('CLINICIAN');
    expect(cookie).toMatch(/^__Host-cmc_session=/);
    staff.clinicianCookie = cookie;
    staff.clinicianId = response.body.data.login.id;
    const { me } = await asClinician(ME);
    expect(me).toMatchObject({ id: staff.clinicianId, role: 'CLINICIAN', tenant: { id: clinic.tenantId, slug: clinic.slug, stateCode: '27', status: 'ACTIVE' } });
    tenant = me.tenant;
    const bearer = await graphql(stack.gateway.url, ME, {}, { authorization: `Bearer dev:${clinic.users.CLINICIAN}` });
    expect(bearer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('2. registers a new patient with every identifier and reads the record back', async () => {
    const phone = uniquePhoneDigits();
    const abhaNumber = uniqueAbhaNumber();
    const input = {
      name: `Meera Iyer ${randomUUID().slice(0, 6)}`,
      dateOfBirth: '1971-08-23',
      sex: 'FEMALE',
      phone: `+91 ${phone.slice(0, 5)} ${phone.slice(5)}`,
      abhaNumber: abhaNumber.replace(/-/g, ''),
      abhaAddress: `meera.${randomUUID().slice(0, 6)}@sbx`,
      address: '22 North Main Road, Koregaon Park, Pune 411001',
      stateCode: '27',
    };
    const { createPatient } = await asClinician(CREATE_PATIENT, { input });
    expect(createPatient).toMatchObject({ ...input, phone: `+91${phone}`, abhaNumber, email: null });
    patient = createPatient;
    const { patient: read } = await asClinician(`query($id: ID!) { patient(id: $id) { ${PATIENT_FIELDS} } }`, { id: patient.id });
    expect(read).toEqual(createPatient);
  });

  it('3. records blood pressure, HbA1c, weight and height, and reads them as latest and as history', async () => {
    for (const { diastolic, ...vital } of VITALS) {
      const { recordObservation } = await asClinician(RECORD_OBSERVATION, { input: { patientId: patient.id, ...vital, ...(diastolic ? { diastolic } : {}) } });
      expect(recordObservation).toMatchObject({ ...vital, diastolic });
      observationIds.push(recordObservation.id);
    }
    const query = 'query($id: ID!) { patient(id: $id) { latest { id kind value diastolic unit takenAt } observations(last: 20) { id kind value diastolic unit takenAt } } }';
    const { patient: read } = await asClinician(query, { id: patient.id });
    const recorded = VITALS.map((vital, i) => ({ id: observationIds[i], ...vital }));
    expect(read.latest).toEqual(recorded);
    expect(read.observations).toEqual([...recorded].reverse()); // newest first
  });

  it('4. asks for consent for care management and records the patient’s grant, with the reason', async () => {
    const { requestConsent } = await asClinician(REQUEST_CONSENT, { input: consentInput(patient.id) });
    expect(requestConsent).toMatchObject({ status: 'REQUESTED', patient: { id: patient.id }, purpose: { code: 'CAREMGT' }, grantee: { kind: 'CLINIC', id: tenant.id, name: tenant.name } });
    consentId = requestConsent.id;
    // The patient has no sign-in yet, so the clinician records the decision, which needs a reason.
    const reason = 'Patient signed the consent form at the front desk';
    const { grantConsent } = await asClinician(decisionMutation('grantConsent'), { id: consentId, reason });
    expect(grantConsent.status).toBe('GRANTED');
    expect(grantConsent.history.at(-1)).toMatchObject({ status: 'GRANTED', actorUserId: staff.clinicianId, actorRole: 'CLINICIAN', reason });
    const { patient: read } = await asClinician('query($id: ID!) { patient(id: $id) { consents(status: GRANTED) { id status } } }', { id: patient.id });
    expect(read.consents).toEqual([{ id: consentId, status: 'GRANTED' }]);
  });

  it('5. charges the exempt consultation and the taxed programme, and takes the full amount', async () => {
    const input = { patientId: patient.id, recipient: { name: patient.name, address: patient.address, stateCode: patient.stateCode }, lines: LINES };
    const { createCharge } = await asClinician(CREATE_CHARGE, { input });
    expect(createCharge).toMatchObject({ status: 'OPEN', patient: { id: patient.id }, taxablePaise: sum('taxablePaise'), taxPaise: sum('taxPaise'), totalPaise: sum('totalPaise') });
    chargeId = createCharge.id;
    const [{ last }] = await sql(stack, `select coalesce(max(serial), 0)::int as last from billing.invoice where tenant_id = ? and supplier = 'CLINIC' and financial_year = ?`, [clinic.tenantId, financialYearOf(new Date())]);
    const { recordPayment } = await asClinician(RECORD_PAYMENT, { chargeId, amountPaise: sum('totalPaise') });
    invoice = recordPayment;
    expect(invoice.number).toBe(`${clinic.slug.slice(0, 3).toUpperCase()}/${financialYearOf(new Date(invoice.issuedAt))}/${String(last + 1).padStart(5, '0')}`);
  });

  it('6. reads the issued invoice: the clinic’s series, its GSTIN, CGST + SGST for a Maharashtra patient, totals of the lines', async () => {
    const { invoice: read, patient: billed } = await asClinician(
      `query($id: ID!, $patientId: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } patient(id: $patientId) { lastInvoice { id number } invoices { id } charges { id status invoice { id } } } }`,
      { id: invoice.id, patientId: patient.id },
    );
    expect(read).toEqual(invoice);
    expect(read.number).toMatch(/^[A-Z0-9]{3}\/\d{2}-\d{2}\/\d{5}$/);
    expect(read.financialYear).toBe(financialYearOf(new Date(read.issuedAt)));
    expect(read.issueDate).toBe(istDate(new Date(read.issuedAt)));
    expect(read).toMatchObject({
      supplierKind: 'CLINIC',
      status: 'ISSUED',
      patient: { id: patient.id },
      supplier: { name: tenant.name, address: tenant.address, gstin: tenant.gstin, stateCode: '27', stateName: 'Maharashtra' },
      recipient: { name: patient.name, address: patient.address, gstin: null, stateCode: '27' },
      placeOfSupply: { stateCode: '27', stateName: 'Maharashtra' },
      reverseCharge: false,
      taxKind: 'CGST_SGST',
    });
    expect(read.lines).toEqual(
      LINES.map((line, i) => {
        const { taxPaise: _tax, ...amounts } = expectedLines[i]!;
        return expect.objectContaining({ position: i + 1, sacCode: line.sacCode, description: line.description, quantity: line.quantity, unitPricePaise: line.unitPricePaise, gstRate: line.gstRate, exempt: line.gstRate === 0, ...amounts });
      }),
    );
    expect(read).toMatchObject({ taxablePaise: sum('taxablePaise'), cgstPaise: sum('cgstPaise'), sgstPaise: sum('sgstPaise'), igstPaise: 0, totalPaise: sum('totalPaise') });
    expect(read.cgstPaise + read.sgstPaise).toBe(sum('taxPaise'));
    expect(billed).toEqual({ lastInvoice: { id: invoice.id, number: invoice.number }, invoices: [{ id: invoice.id }], charges: [{ id: chargeId, status: 'PAID', invoice: { id: invoice.id } }] });
  });

  it('7. downloads the printable invoice with the session cookie', async () => {
    const response = await fetch(pdfUrl(invoice.id), { headers: withCookie(staff.clinicianCookie) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of ['TAX INVOICE', invoice.number, tenant.gstin, patient.name, 'Supervised cardiac fitness sessions', rupees(sum('totalPaise'))]) {
      expect(text).toContain(expected);
    }
    expect((await fetch(pdfUrl(invoice.id))).status).toBe(401);
  });

  it('8. gives the patient a sign-in: their own record shows the same vitals, consent and invoice', async () => {
    const admin = await signIn(stack.gateway.url, clinic.slug, clinic.users.TENANT_ADMIN);
    staff.adminCookie = admin.cookie;
    staff.adminId = admin.response.body.data.login.id;
    const { createUser } = await call(staff.adminCookie, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id role } }', {
      input: { email: patientUser.email, name: patient.name, role: 'PATIENT', password: PATIENT_PASSWORD, patientId: patient.id },
    });
    expect(createUser.role).toBe('PATIENT');
    patientUser.id = createUser.id;
    const { response, cookie } = await signIn(stack.gateway.url, clinic.slug, patientUser.email, PATIENT_PASSWORD);
    expect(response.body.data.login).toEqual({ id: patientUser.id, role: 'PATIENT' });
    patientUser.cookie = cookie;
    const own = await call(cookie, '{ myRecord { id name latest { id kind value diastolic unit takenAt } lastInvoice { id number totalPaise } } myConsents(status: GRANTED) { id } }');
    expect(own.myRecord).toEqual({
      id: patient.id,
      name: patient.name,
      latest: VITALS.map((vital, i) => ({ id: observationIds[i], ...vital })),
      lastInvoice: { id: invoice.id, number: invoice.number, totalPaise: sum('totalPaise') },
    });
    expect(own.myConsents).toEqual([{ id: consentId }]);
    expect((await fetch(pdfUrl(invoice.id), { headers: withCookie(cookie) })).status).toBe(200);
  });

  it('9. finds every change of the journey in the audit trail, in order, by who made it and to what', async () => {
    const { auditEvents } = await call(staff.adminCookie, 'query($from: DateTime!) { auditEvents(filter: { from: $from }, first: 100) { action class actorId targetId outcome } }', { from: journeyStart });
    expect(auditEvents.length).toBeLessThan(100); // one page holds the whole journey
    // Newest first; reads are access events, checked apart.
    const changes = auditEvents.filter((e: { class: string }) => e.class !== 'access').reverse();
    const by = (actorId: string, action: string, targetId: string) => ({ action, actorId, targetId, outcome: 'SUCCESS' });
    expect(changes.map(({ class: _class, ...event }: { class: string }) => event)).toEqual([
      by(staff.clinicianId, 'session.login', staff.clinicianId), // a sign-in's target is the user
      by(staff.clinicianId, 'patient.create', patient.id),
      ...observationIds.map((id) => by(staff.clinicianId, 'observation.record', id)),
      by(staff.clinicianId, 'consent.request', consentId),
      by(staff.clinicianId, 'consent.grant', consentId),
      by(staff.clinicianId, 'charge.create', chargeId),
      by(staff.clinicianId, 'invoice.issue', invoice.id),
      by(staff.clinicianId, 'payment.record', invoice.id),
      by(staff.adminId, 'session.login', staff.adminId),
      by(staff.adminId, 'user.create', patientUser.id),
      by(patientUser.id, 'session.login', patientUser.id),
    ]);
    const reads = auditEvents.filter((e: { class: string; actorId: string }) => e.class === 'access' && e.actorId === staff.clinicianId).map((e: { action: string }) => e.action);
    expect(reads).toEqual(expect.arrayContaining(['patient.read', 'invoice.read']));
  });
});

/** The invoice date in India Standard Time (UTC+05:30), YYYY-MM-DD. */
function istDate(instant: Date): string {
  return new Date(instant.getTime() + 330 * MINUTE).toISOString().slice(0, 10);
}

/** The Indian financial year (1 April to 31 March) of an instant, written `26-27`. */
function financialYearOf(instant: Date): string {
  const [year, month] = istDate(instant).split('-').map(Number) as [number, number];
  const start = month >= 4 ? year : year - 1;
  return `${String(start % 100).padStart(2, '0')}-${String((start + 1) % 100).padStart(2, '0')}`;
}
