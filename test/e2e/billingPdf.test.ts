import { devToken, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { consultation, cosmeticPeel, issueInvoice, recipientIn } from './billingFixtures';
import { pdfText } from './pdfText';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** GET /invoices/:id.pdf through the real gateway. */
describe('billing: printable tax invoice', () => {
  let stack: TestStack;
  let clinicA: Clinic;
  let clinicB: Clinic;
  let pdfUrl: (id: string) => string;

  beforeAll(async () => {
    stack = await startTestStack();
    clinicA = await seedTestClinic(stack, 2, '27');
    clinicB = await seedTestClinic(stack, 1, '29');
    pdfUrl = (id) => stack.gateway.url.replace(/\/graphql$/, `/invoices/${id}.pdf`);
  });
  afterAll(() => stack.close());

  it('renders a PDF with every rule 46 field for a caller who may read the invoice', async () => {
    const invoice = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [consultation, cosmeticPeel] });
    const response = await fetch(pdfUrl(invoice.id), { headers: devToken(clinicA.users.CLINICIAN) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      'TAX INVOICE', invoice.number, invoice.issueDate, invoice.supplier.name, invoice.supplier.gstin, 'Maharashtra (27)',
      'Asha Rao', '5 MG Road, Camp, Pune 411001', 'Reverse charge: No', '999312', 'Cardiology consultation', '(exempt)',
      '18 %', 'Rs. 999.99', 'Rs. 90.00', 'Rs. 1,979.99',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('lets the patient download their own invoice', async () => {
    const [own] = await sql(stack, 'select id from billing.invoice where patient_id = ? limit 1', [clinicA.patientIds[0]]);
    const response = await fetch(pdfUrl(own.id), { headers: devToken(clinicA.users.PATIENT) });
    expect(response.status).toBe(200);
  });

  it("answers 404 for another clinic's invoice, another patient's, and an unknown id", async () => {
    const [theirs] = await sql(stack, 'select id from billing.invoice where tenant_id = ? limit 1', [clinicB.tenantId]);
    expect((await fetch(pdfUrl(theirs.id), { headers: devToken(clinicA.users.CLINICIAN) })).status).toBe(404);
    const [otherPatients] = await sql(stack, 'select id from billing.invoice where patient_id = ? limit 1', [clinicA.patientIds[1]]);
    expect((await fetch(pdfUrl(otherPatients.id), { headers: devToken(clinicA.users.PATIENT) })).status).toBe(404);
    expect((await fetch(pdfUrl('not-an-id'), { headers: devToken(clinicA.users.CLINICIAN) })).status).toBe(404);
  });

  it('answers 401 without credentials or with bad ones', async () => {
    const [own] = await sql(stack, 'select id from billing.invoice where tenant_id = ? limit 1', [clinicA.tenantId]);
    expect((await fetch(pdfUrl(own.id))).status).toBe(401);
    expect((await fetch(pdfUrl(own.id), { headers: { authorization: 'Bearer dev:nobody@nowhere.example' } })).status).toBe(401);
  });
});
