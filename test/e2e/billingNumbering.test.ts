import type { EntityManager } from '@mikro-orm/postgresql';
import { openCharge } from '../../subgraphs/billing/charges';
import { issueCreditNote } from '../../subgraphs/billing/creditNotes';
import { InvoiceLineSchema } from '../../subgraphs/billing/entities';
import { payCharge } from '../../subgraphs/billing/invoices';
import { TENANT_FILTER } from '../../subgraphs/kit/orm';
import { seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { consultation, cosmeticPeel, payCharge as payOverHttp, recipientIn } from './billingFixtures';

type Clinic = Awaited<ReturnType<typeof seedTestClinic>>;

/** Invoice numbers: consecutive per clinic and financial year, no gaps, no duplicates. */
describe('billing: invoice numbering', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const serialsOf = async (tenantId: string, fy: string) =>
    (await sql<{ serial: number; number: string }>(stack, `select serial, number from billing.invoice where tenant_id = ? and financial_year = ? and supplier = 'CLINIC' order by serial`, [tenantId, fy]));

  /** The billing subgraph's own entity manager scoped to a clinic, as a request would have it. */
  const clinicEm = (clinic: Clinic): EntityManager => {
    const em = stack.orms.billing.em.fork();
    em.setFilterParams(TENANT_FILTER, { tenantId: clinic.tenantId });
    return em;
  };

  it('numbers 200 concurrent payments in one clinic 1..N without a gap or a duplicate', async () => {
    const clinic = await seedTestClinic(stack, 4, '27');
    // The charges are opened directly (one transaction); the payments are what runs concurrently.
    const charges = await clinicEm(clinic).transactional(async (tx) => {
      const opened = [];
      for (let i = 0; i < 200; i++) {
        opened.push(await openCharge(tx, clinic.tenantId, { patientId: clinic.patientIds[i % 4]!, recipient: recipientIn('27'), lines: [consultation] }));
      }
      return opened;
    });
    const replies = await Promise.all(charges.map((charge) => payOverHttp(stack, clinic.users.CLINICIAN, charge.id, charge.totalPaise)));
    expect(replies.filter((reply) => reply.body.errors)).toEqual([]);
    const numbers = replies.map((reply) => reply.body.data.recordPayment.number as string);
    expect(new Set(numbers).size).toBe(200);

    const fy = replies[0]!.body.data.recordPayment.financialYear as string;
    const rows = await serialsOf(clinic.tenantId, fy);
    // the demo seed issued some before; together they run 1..N with nothing missing
    expect(rows.map((row) => row.serial)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(numbers.every((number) => rows.some((row) => row.number === number))).toBe(true);
    expect(new Set(rows.map((row) => row.number)).size).toBe(rows.length);
  }, 180_000);

  it('restarts the series on 1 April at midnight India time', async () => {
    const clinic = await seedTestClinic(stack, 1, '27');
    const em = clinicEm(clinic);
    const payAt = (instant: string) =>
      em.transactional(async (tx) => {
        const charge = await openCharge(tx, clinic.tenantId, { patientId: clinic.patientIds[0]!, recipient: recipientIn('27'), lines: [consultation] });
        return (await payCharge(tx, clinic.tenantId, { chargeId: charge.id, amountPaise: charge.totalPaise, method: 'CASH' }, () => new Date(instant))).invoice;
      });
    const march = await payAt('2027-03-31T23:59:00+05:30');
    const march2 = await payAt('2027-03-31T23:59:59+05:30');
    const april = await payAt('2027-04-01T00:00:00+05:30');
    const april2 = await payAt('2027-04-01T00:00:01+05:30');
    // the demo seed may already have used numbers of 26-27: what matters is the turnover
    expect(march).toMatchObject({ financialYear: '26-27', issueDate: '2027-03-31' });
    expect(march2).toMatchObject({ financialYear: '26-27', serial: march.serial + 1 });
    expect(april).toMatchObject({ financialYear: '27-28', issueDate: '2027-04-01', serial: 1 });
    expect(april2).toMatchObject({ financialYear: '27-28', serial: 2 });
    expect(march.number.slice(3)).toBe(`/26-27/${String(march.serial).padStart(5, '0')}`);
    expect(april.number.slice(3)).toBe('/27-28/00001');

    // credit notes keep a series of their own, which turns over on the same day
    const [line] = await em.find(InvoiceLineSchema, { invoiceId: march.id });
    const note = (instant: string) =>
      em.transactional((tx) => issueCreditNote(tx, clinic.tenantId, { invoiceId: march.id, lines: [{ invoiceLineId: line!.id, taxablePaise: 100 }], reason: 'Overcharged' }, () => new Date(instant)));
    expect((await note('2027-03-31T23:59:30+05:30')).number).toBe('CN/26-27/00001');
    expect((await note('2027-04-01T00:00:30+05:30')).number).toBe('CN/27-28/00001');
  });

  it('leaves no gap when an issue is rolled back: the next one takes its number', async () => {
    const clinic = await seedTestClinic(stack, 1, '29');
    const em = clinicEm(clinic);
    const at = () => new Date('2028-06-01T10:00:00+05:30');
    const charge = await em.transactional((tx) => openCharge(tx, clinic.tenantId, { patientId: clinic.patientIds[0]!, recipient: recipientIn('29'), lines: [cosmeticPeel] }));
    await expect(
      em.transactional(async (tx) => {
        const { invoice } = await payCharge(tx, clinic.tenantId, { chargeId: charge.id, amountPaise: charge.totalPaise, method: 'CARD' }, at);
        expect(invoice.serial).toBe(1);
        throw new Error('the audit event could not be written');
      }),
    ).rejects.toThrow('audit event');
    const { invoice } = await em.fork().transactional((tx) => {
      tx.setFilterParams(TENANT_FILTER, { tenantId: clinic.tenantId });
      return payCharge(tx, clinic.tenantId, { chargeId: charge.id, amountPaise: charge.totalPaise, method: 'CARD' }, at);
    });
    expect(invoice).toMatchObject({ financialYear: '28-29', serial: 1 });
    expect((await serialsOf(clinic.tenantId, '28-29')).map((row) => row.serial)).toEqual([1]);
  });
});
