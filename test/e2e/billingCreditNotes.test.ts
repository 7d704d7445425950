import { randomUUID } from 'node:crypto';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { consultation, cosmeticPeel, issueInvoice, recipientIn } from './billingFixtures';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

const ISSUE_CREDIT_NOTE = /* GraphQL */ `
  mutation($invoiceId: ID!, $lines: [CreditNoteLineInput!]!, $reason: String!) {
    issueCreditNote(invoiceId: $invoiceId, lines: $lines, reason: $reason) {
      id number reason issueDate taxablePaise cgstPaise sgstPaise igstPaise totalPaise
      invoice { id number creditNotes { number } }
      lines { invoiceLine { id sacCode } taxablePaise cgstPaise sgstPaise igstPaise }
    }
  }
`;

/** Issued invoices never change; corrections are credit notes that reference them. */
describe('billing: credit notes and immutable invoices', () => {
  let stack: TestStack;
  let clinicA: Clinic;
  let clinicB: Clinic;

  beforeAll(async () => {
    stack = await startTestStack();
    clinicA = await seedTestClinic(stack, 2, '27');
    clinicB = await seedTestClinic(stack, 1, '27');
  });
  afterAll(() => stack.close());

  const credit = (clinic: Clinic, invoiceId: string, lines: { invoiceLineId: string; taxablePaise: number }[], reason = 'Overcharged: one session not given') =>
    graphql(stack.gateway.url, ISSUE_CREDIT_NOTE, { invoiceId, lines, reason }, devToken(clinic.users.CLINICIAN));

  it('issues credit notes in their own series, referencing the invoice, up to what was invoiced and no further', async () => {
    const invoice = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [consultation, cosmeticPeel] });
    const peel = invoice.lines[1]; // 99999 taxable, CGST 9000 + SGST 9000
    const first = await credit(clinicA, invoice.id, [{ invoiceLineId: peel.id, taxablePaise: 33_333 }]);
    expect(first.body.errors).toBeUndefined();
    const note = first.body.data.issueCreditNote;
    expect(note.number).toMatch(/^CN\/\d{2}-\d{2}\/\d{5}$/);
    // 33333 at 18 % = 5999.94 -> 6000, halved
    expect(note).toMatchObject({ taxablePaise: 33_333, cgstPaise: 3_000, sgstPaise: 3_000, igstPaise: 0, totalPaise: 39_333, invoice: { id: invoice.id, number: invoice.number } });
    expect(note.invoice.creditNotes).toEqual([{ number: note.number }]);

    const tooMuch = await credit(clinicA, invoice.id, [{ invoiceLineId: peel.id, taxablePaise: 66_667 }]);
    expect(tooMuch.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines[0].taxablePaise' });

    const rest = await credit(clinicA, invoice.id, [{ invoiceLineId: peel.id, taxablePaise: 66_666 }]);
    expect(rest.body.data.issueCreditNote).toMatchObject({ taxablePaise: 66_666, cgstPaise: 6_000, sgstPaise: 6_000 });
    const serials = [note.number, rest.body.data.issueCreditNote.number].map((n: string) => Number(n.slice(-5)));
    expect(serials[1]).toBe(serials[0]! + 1);

    const [sums] = await sql(stack, `select sum(l.taxable_paise)::int as taxable, sum(l.cgst_paise)::int as cgst, sum(l.sgst_paise)::int as sgst
      from billing.credit_note_line l where l.invoice_line_id = ?`, [peel.id]);
    expect(sums).toEqual({ taxable: peel.taxablePaise, cgst: peel.cgstPaise, sgst: peel.sgstPaise });
    const nothingLeft = await credit(clinicA, invoice.id, [{ invoiceLineId: peel.id, taxablePaise: 1 }]);
    expect(nothingLeft.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only one of two concurrent credit notes take what remains on a line', async () => {
    const invoice = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [cosmeticPeel] });
    const whole = [{ invoiceLineId: invoice.lines[0].id, taxablePaise: invoice.lines[0].taxablePaise }];
    const replies = await Promise.all([credit(clinicA, invoice.id, whole), credit(clinicA, invoice.id, whole)]);
    expect(replies.filter((reply) => reply.body.data?.issueCreditNote)).toHaveLength(1);
    expect(replies.map((reply) => reply.body.errors?.[0]?.extensions?.code).filter(Boolean)).toEqual(['BAD_USER_INPUT']);
    expect(await sql(stack, 'select count(*)::int as count from billing.credit_note where invoice_id = ?', [invoice.id])).toEqual([{ count: 1 }]);
  });

  it('refuses a line of another invoice, a blank reason and a zero amount, writing nothing', async () => {
    const one = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[1], recipient: recipientIn('27'), lines: [cosmeticPeel] });
    const other = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[1], recipient: recipientIn('27'), lines: [cosmeticPeel] });
    const [{ count: before }] = await sql(stack, 'select count(*)::int as count from billing.credit_note');
    const foreignLine = await credit(clinicA, one.id, [{ invoiceLineId: other.lines[0].id, taxablePaise: 10 }]);
    expect(foreignLine.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines[0].invoiceLineId' });
    const blank = await credit(clinicA, one.id, [{ invoiceLineId: one.lines[0].id, taxablePaise: 10 }], '  ');
    expect(blank.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const zero = await credit(clinicA, one.id, [{ invoiceLineId: one.lines[0].id, taxablePaise: 0 }]);
    expect(zero.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines[0].taxablePaise' });
    const [{ count: after }] = await sql(stack, 'select count(*)::int as count from billing.credit_note');
    expect(after).toBe(before);
  });

  it("answers NOT_FOUND for another clinic's invoice", async () => {
    const theirs = await issueInvoice(stack, clinicB.users.CLINICIAN, { patientId: clinicB.patientIds[0], recipient: recipientIn('27'), lines: [cosmeticPeel] });
    const reply = await credit(clinicA, theirs.id, [{ invoiceLineId: theirs.lines[0].id, taxablePaise: 10 }]);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const read = await graphql(stack.gateway.url, 'query($id: ID!) { creditNote(id: $id) { id } }', { id: randomUUID() }, devToken(clinicA.users.CLINICIAN));
    expect(read.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses in the database any UPDATE, DELETE or TRUNCATE of an issued invoice, its lines and credit notes', async () => {
    const invoice = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [cosmeticPeel] });
    await credit(clinicA, invoice.id, [{ invoiceLineId: invoice.lines[0].id, taxablePaise: 100 }]);
    const refused = { code: '42501' };
    await expect(sql(stack, 'update billing.invoice set total_paise = total_paise + 0 where id = ?', [invoice.id])).rejects.toMatchObject(refused);
    await expect(sql(stack, 'update billing.invoice set supplier_address = ? where id = ?', ['Elsewhere Road 1', invoice.id])).rejects.toMatchObject(refused);
    await expect(sql(stack, 'delete from billing.invoice where id = ?', [invoice.id])).rejects.toMatchObject(refused);
    await expect(sql(stack, 'update billing.invoice_line set gst_rate = 5 where invoice_id = ?', [invoice.id])).rejects.toMatchObject(refused);
    await expect(sql(stack, 'delete from billing.invoice_line where invoice_id = ?', [invoice.id])).rejects.toMatchObject(refused);
    await expect(sql(stack, 'update billing.credit_note set reason = ? where invoice_id = ?', ['changed', invoice.id])).rejects.toMatchObject(refused);
    await expect(sql(stack, 'delete from billing.credit_note_line')).rejects.toMatchObject(refused);
    await expect(sql(stack, 'truncate billing.invoice cascade')).rejects.toMatchObject(refused);
    const [row] = await sql(stack, 'select total_paise::int as total from billing.invoice where id = ?', [invoice.id]);
    expect(row.total).toBe(invoice.totalPaise);
  });

  it('refuses in the database an invoice line whose tax breaks the rounding rule or the State split', async () => {
    const invoice = await issueInvoice(stack, clinicA.users.CLINICIAN, { patientId: clinicA.patientIds[0], recipient: recipientIn('27'), lines: [consultation] });
    const insertLine = (cgst: number, sgst: number, igst: number) =>
      sql(stack, `insert into billing.invoice_line (id, tenant_id, invoice_id, position, sac_code, description, quantity, unit_price_paise, taxable_paise, gst_rate, exempt, cgst_paise, sgst_paise, igst_paise)
        values (?, ?, ?, 9, '999312', 'Peel', 1, 25, 25, 18, false, ?, ?, ?)`, [randomUUID(), clinicA.tenantId, invoice.id, cgst, sgst, igst]);
    await expect(insertLine(2, 2, 0)).rejects.toMatchObject({ code: '23514' }); // 4.5 rounds to 5, not 4
    await expect(insertLine(2, 3, 0)).rejects.toMatchObject({ code: '23514' }); // the odd paisa goes to CGST
    await expect(insertLine(3, 0, 2)).rejects.toMatchObject({ code: '23514' }); // CGST + SGST or IGST, not both
  });
});
