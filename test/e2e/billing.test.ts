import { randomUUID } from 'node:crypto';
import { makeGstin } from '../../subgraphs/kit/gst';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { consultation, cosmeticPeel, CREATE_CHARGE, createCharge, INVOICE_FIELDS, issueInvoice, payCharge, recipientIn } from './billingFixtures';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** Charges, payments and the GST tax invoice they issue, through the real gateway. */
describe('billing: charges, payments and tax invoices', () => {
  let stack: TestStack;
  let clinicA: Clinic; // Maharashtra (27)
  let clinicB: Clinic; // Karnataka (29)

  beforeAll(async () => {
    stack = await startTestStack();
    clinicA = await seedTestClinic(stack, 3, '27');
    clinicB = await seedTestClinic(stack, 2, '29');
  });
  afterAll(() => stack.close());

  const tenantRow = async (tenantId: string) => (await sql(stack, 'select name, address, gstin, state_code from identity.tenant where id = ?', [tenantId]))[0];

  it('issues an intra-State invoice with CGST + SGST, an exempt line at 0 % and every rule 46 field', async () => {
    const invoice = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[1], recipient: recipientIn('27'), lines: [consultation, cosmeticPeel] });
    const supplier = await tenantRow(clinicA.tenantId);
    expect(invoice.number).toMatch(/^[A-Z0-9]{3}\/\d{2}-\d{2}\/\d{5}$/);
    expect(invoice.number.length).toBeLessThanOrEqual(16);
    expect(invoice).toMatchObject({
      supplierKind: 'CLINIC',
      patient: { id: clinicA.patientIds[1] },
      supplier: { name: supplier.name, address: supplier.address, gstin: supplier.gstin, stateCode: '27', stateName: 'Maharashtra' },
      recipient: { name: 'Asha Rao', address: '5 MG Road, Camp, Pune 411001', gstin: null, stateCode: '27', stateName: 'Maharashtra' },
      placeOfSupply: { stateCode: '27', stateName: 'Maharashtra' },
      reverseCharge: false,
      taxKind: 'CGST_SGST',
      status: 'ISSUED',
    });
    expect(invoice.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(invoice.lines).toEqual([
      expect.objectContaining({ position: 1, sacCode: '999312', quantity: 1, taxablePaise: 80_000, gstRate: 0, exempt: true, cgstPaise: 0, sgstPaise: 0, igstPaise: 0, totalPaise: 80_000 }),
      // 99999 at 18 % = 17999.82 -> 18000 paise, halved
      expect.objectContaining({ position: 2, quantity: 3, unitPricePaise: 33_333, taxablePaise: 99_999, gstRate: 18, exempt: false, cgstPaise: 9_000, sgstPaise: 9_000, igstPaise: 0, totalPaise: 117_999 }),
    ]);
    expect(invoice).toMatchObject({ taxablePaise: 179_999, cgstPaise: 9_000, sgstPaise: 9_000, igstPaise: 0, totalPaise: 197_999 });
  });

  it('charges IGST when the place of supply is another State, and prints the registered recipient GSTIN', async () => {
    const gstin = makeGstin('29', 'AABCR1234M');
    const invoice = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[1], recipient: recipientIn('29', gstin), lines: [{ ...cosmeticPeel, quantity: 1, unitPricePaise: 25 }] });
    expect(invoice).toMatchObject({ taxKind: 'IGST', placeOfSupply: { stateCode: '29', stateName: 'Karnataka' }, recipient: { gstin, stateCode: '29' } });
    // 25 paise at 18 % = 4.5 -> 5 (half up), all IGST
    expect(invoice.lines[0]).toMatchObject({ taxablePaise: 25, cgstPaise: 0, sgstPaise: 0, igstPaise: 5 });
    expect(invoice).toMatchObject({ cgstPaise: 0, sgstPaise: 0, igstPaise: 5, totalPaise: 30 });
  });

  it('puts the odd paisa of an intra-State tax on CGST', async () => {
    const invoice = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[1], recipient: recipientIn('27'), lines: [{ ...cosmeticPeel, quantity: 1, unitPricePaise: 25 }] });
    expect(invoice.lines[0]).toMatchObject({ cgstPaise: 3, sgstPaise: 2, igstPaise: 0 });
  });

  it.each([
    ['a SAC code that is not six digits starting with 99', { lines: [{ ...consultation, sacCode: '99931' }] }, 'lines[0].sacCode'],
    ['a goods HSN code', { lines: [{ ...consultation, sacCode: '300490' }] }, 'lines[0].sacCode'],
    ['a negative quantity', { lines: [{ ...consultation, quantity: -2 }] }, 'lines[0].quantity'],
    ['a negative unit price', { lines: [{ ...consultation, unitPricePaise: -1 }] }, 'lines[0].unitPricePaise'],
    ['a rate that is not a GST rate', { lines: [{ ...cosmeticPeel, gstRate: 3 }] }, 'lines[0].gstRate'],
    ['a GST rate no longer in force (12 %, before 22 September 2025)', { lines: [{ ...cosmeticPeel, gstRate: 12 }] }, 'lines[0].gstRate'],
    ['exempt healthcare at 18 %', { lines: [{ ...consultation, gstRate: 18 }] }, 'lines[0].gstRate'],
    ['a cosmetic procedure at 0 %', { lines: [{ ...cosmeticPeel, gstRate: 0 }] }, 'lines[0].gstRate'],
    ['an empty description', { lines: [{ ...consultation, description: '' }] }, 'lines[0].description'],
    ['no lines', { lines: [] }, 'lines'],
    ['a GSTIN with a wrong check character', { recipient: recipientIn('27', `${makeGstin('27', 'AABCR1234M').slice(0, 14)}0`) }, 'recipient.gstin'],
    ['an unknown State code', { recipient: recipientIn('40') }, 'recipient.stateCode'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, change, field) => {
    const [{ count: before }] = await sql(stack, 'select count(*)::int as count from billing.charge');
    const input = { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [consultation], ...change };
    const { body } = await graphql(stack.gateway.url, CREATE_CHARGE, { input }, devToken(clinicA.users.CLINICIAN));
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [{ count: after }] = await sql(stack, 'select count(*)::int as count from billing.charge');
    expect(after).toBe(before);
  });

  it("answers NOT_FOUND for another clinic's patient, charge and invoice", async () => {
    const other = await createCharge(stack, clinicA.users.CLINICIAN, { patientId: clinicB.patientIds[0], recipient: recipientIn('29'), lines: [consultation] }).catch((e: Error) => e.message);
    expect(other).toContain('NOT_FOUND');
    const charge = await createCharge(stack, clinicB.users.CLINICIAN, { patientId: clinicB.patientIds[0], recipient: recipientIn('29'), lines: [consultation] });
    const pay = await payCharge(stack, clinicA.users.CLINICIAN, charge.id, charge.totalPaise);
    expect(pay.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const read = await graphql(stack.gateway.url, 'query($id: ID!) { charge(id: $id) { id } }', { id: charge.id }, devToken(clinicA.users.CLINICIAN));
    expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [invoice] = await sql(stack, 'select id from billing.invoice where tenant_id = ? limit 1', [clinicB.tenantId]);
    const invoiceRead = await graphql(stack.gateway.url, 'query($id: ID!) { invoice(id: $id) { id } }', { id: invoice.id }, devToken(clinicA.users.CLINICIAN));
    expect(invoiceRead.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(invoiceRead.body)).not.toContain(clinicB.tenantId);
  });

  it('refuses a partial payment and a second payment, and pays nothing twice', async () => {
    const charge = await createCharge(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[2], recipient: recipientIn('27'), lines: [cosmeticPeel] });
    const partial = await payCharge(stack, clinicA.users.CLINICIAN, charge.id, charge.totalPaise - 1);
    expect(partial.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountPaise' });
    expect((await payCharge(stack, clinicA.users.CLINICIAN, charge.id, charge.totalPaise)).body.errors).toBeUndefined();
    const again = await payCharge(stack, clinicA.users.CLINICIAN, charge.id, charge.totalPaise);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await sql(stack, 'select count(*)::int as count from billing.invoice where charge_id = ?', [charge.id])).toEqual([{ count: 1 }]);
  });

  it('records the payment and the invoice it issued in the audit log, in the billing class', async () => {
    const charge = await createCharge(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[2], recipient: recipientIn('27'), lines: [consultation] });
    const requestId = `billing-pay-${randomUUID()}`;
    const { body } = await payCharge(stack, clinicA.users.CLINICIAN, charge.id, charge.totalPaise, { 'x-request-id': requestId });
    const events = await sql(stack, 'select action, class, target_id, outcome from audit.audit_event where request_id = ? order by seq', [requestId]);
    expect(events).toEqual([
      { action: 'invoice.issue', class: 'billing', target_id: body.data.recordPayment.id, outcome: 'SUCCESS' },
      { action: 'payment.record', class: 'billing', target_id: body.data.recordPayment.id, outcome: 'SUCCESS' },
    ]);
  });

  it('keeps the supplier as it was on the day of issue after the clinic moves', async () => {
    const before = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [consultation] });
    const original = await tenantRow(clinicA.tenantId);
    await sql(stack, 'update identity.tenant set address = ? where id = ?', ['77 New Premises Road, Thane 400601', clinicA.tenantId]);
    try {
      const after = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [consultation] });
      const reread = await graphql(stack.gateway.url, `query($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`, { id: before.id }, devToken(clinicA.users.CLINICIAN));
      expect(reread.body.data.invoice.supplier.address).toBe(original.address);
      expect(after.supplier.address).toBe('77 New Premises Road, Thane 400601');
    } finally {
      await sql(stack, 'update identity.tenant set address = ? where id = ?', [original.address, clinicA.tenantId]);
    }
  });

  it("lets a patient read their own invoices and charges, and nobody else's", async () => {
    const own = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [consultation] });
    const others = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[1], recipient: recipientIn('27'), lines: [consultation] });
    const token = devToken(clinicA.users.PATIENT);
    const mine = await graphql(stack.gateway.url, 'query($id: ID!) { invoice(id: $id) { id number lines { sacCode } } }', { id: own.id }, token);
    expect(mine.body.data.invoice).toMatchObject({ id: own.id, number: own.number });
    const notMine = await graphql(stack.gateway.url, 'query($id: ID!) { invoice(id: $id) { id } }', { id: others.id }, token);
    expect(notMine.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const record = await graphql(stack.gateway.url, 'query($id: ID!) { patient(id: $id) { invoices { id } charges { id status invoice { id } } } }', { id: clinicA.patientIds[0] }, token);
    expect(record.body.errors).toBeUndefined();
    expect(record.body.data.patient.invoices.map((i: { id: string }) => i.id)).toContain(own.id);
    expect(record.body.data.patient.charges.every((c: { status: string; invoice: unknown }) => c.status === 'OPEN' || c.invoice)).toBe(true);
  });

  it('resolves charges, lines, invoices and credit notes of many patients with the same SQL as of one', async () => {
    const statements: string[] = [];
    const listen = (query: { sql: string }) => statements.push(query.sql);
    const knex = stack.orms.billing.em.getConnection().getKnex();
    knex.on('query', listen);
    const count = async (first: number) => {
      statements.length = 0;
      const { body } = await graphql(stack.gateway.url, 'query($first: Int!) { patients(first: $first) { charges { lines { sacCode } invoice { lines { gstRate } creditNotes { number } } } invoices { id } } }', { first }, devToken(clinicA.users.CLINICIAN));
      expect(body.errors).toBeUndefined();
      expect(body.data.patients).toHaveLength(first);
      return statements.filter((sql) => !sql.startsWith('select audit.append_event')).length;
    };
    try {
      expect(await count(3)).toBe(await count(1));
    } finally {
      knex.off('query', listen);
    }
  });

  it('lists every patient\'s charges with the invoice each one issued', async () => {
    const { body } = await graphql(stack.gateway.url, '{ patients(first: 10) { id charges { id lines { sacCode } invoice { number lines { gstRate } } } invoices { id } } }', {}, devToken(clinicA.users.CLINICIAN));
    expect(body.errors).toBeUndefined();
    const patients = body.data.patients as { charges: { invoice: { number: string } | null }[]; invoices: unknown[] }[];
    expect(patients).toHaveLength(3);
    for (const patient of patients) expect(patient.charges.filter((c) => c.invoice).length).toBe(patient.invoices.length);
  });
});
