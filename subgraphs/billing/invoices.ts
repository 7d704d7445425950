import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, graphqlError, notFound } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { ChargeLineSchema, ChargeSchema, InvoiceLineSchema, InvoiceSchema, PaymentSchema, type Invoice, type InvoiceSupplier, type Payment, type PaymentMethod } from './entities';
import { clinicInvoicePrefix, documentNumber, financialYear, istDate, taxInvoiceLines, type LineInput } from './gstTax';
import { nextSerial } from './numbering';
import { readClinicProfile, type TaxParty } from './supplier';

/** The clock of an issue; tests pass their own to cross 31 March. */
export type Clock = () => Date;
const systemClock: Clock = () => new Date();

export interface TaxInvoiceSpec {
  tenantId: string;
  supplierKind: InvoiceSupplier;
  supplier: TaxParty & { gstin: string };
  recipient: TaxParty;
  prefix: string;
  /** Hands out the next serial of the supplier's series in the financial year. */
  nextSerial(fy: string): Promise<number>;
  lines: LineInput[];
  byClinicalEstablishment: boolean;
  source: Pick<Invoice, 'patientId' | 'chargeId' | 'paymentId' | 'subscriptionId'>;
  issuedAt: Date;
}

/**
 * Issues a GST tax invoice with every rule 46 field: supplier and recipient
 * snapshots, number and date, place of supply (the recipient's State), reverse
 * charge (never, for these supplies), and the lines with CGST + SGST or IGST.
 * Runs inside the caller's transaction; the rows are immutable once written.
 */
export async function issueTaxInvoice(em: EntityManager, spec: TaxInvoiceSpec): Promise<Invoice> {
  const fy = financialYear(spec.issuedAt);
  const serial = await spec.nextSerial(fy);
  const placeOfSupplyStateCode = spec.recipient.stateCode;
  const { lines, totals } = taxInvoiceLines(spec.lines, {
    supplierStateCode: spec.supplier.stateCode,
    placeOfSupplyStateCode,
    byClinicalEstablishment: spec.byClinicalEstablishment,
  });
  const invoice = em.create(InvoiceSchema, {
    tenantId: spec.tenantId,
    supplierKind: spec.supplierKind,
    ...spec.source,
    number: documentNumber(spec.prefix, fy, serial),
    financialYear: fy,
    serial,
    issuedAt: spec.issuedAt,
    issueDate: istDate(spec.issuedAt),
    supplierName: spec.supplier.name,
    supplierAddress: spec.supplier.address,
    supplierGstin: spec.supplier.gstin,
    supplierStateCode: spec.supplier.stateCode,
    recipientName: spec.recipient.name,
    recipientAddress: spec.recipient.address,
    recipientGstin: spec.recipient.gstin,
    recipientStateCode: spec.recipient.stateCode,
    placeOfSupplyStateCode,
    reverseCharge: false,
    ...totals,
    status: 'ISSUED',
  });
  await em.flush();
  for (const line of lines) em.create(InvoiceLineSchema, { tenantId: spec.tenantId, invoiceId: invoice.id, ...line });
  await em.flush();
  return invoice;
}

export interface PaymentInput {
  chargeId: string;
  amountPaise: number;
  method: PaymentMethod;
}

/**
 * Records the full payment of a charge and issues its tax invoice, in the caller's
 * transaction: the charge row is locked, so two payments of one charge cannot both
 * succeed. A partial payment is refused.
 */
export async function payCharge(em: EntityManager, tenantId: string, input: PaymentInput, now: Clock = systemClock): Promise<{ payment: Payment; invoice: Invoice }> {
  const charge = isUuid(input.chargeId) ? await em.findOne(ChargeSchema, { id: input.chargeId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!charge) throw notFound('Charge', input.chargeId);
  if (charge.status === 'PAID') throw graphqlError('CONFLICT', `Charge ${charge.id} is already paid`);
  if (!Number.isInteger(input.amountPaise) || input.amountPaise !== charge.totalPaise) {
    throw badUserInput(`amountPaise must be the charge's full total, ${charge.totalPaise} paise: partial payments are not accepted`, 'amountPaise');
  }
  const lines = await em.find(ChargeLineSchema, { chargeId: charge.id }, { orderBy: { position: 'asc' } });
  const clinic = await readClinicProfile(em, tenantId);
  const issuedAt = now();
  const payment = em.create(PaymentSchema, { tenantId, chargeId: charge.id, amountPaise: input.amountPaise, method: input.method, paidAt: issuedAt });
  charge.status = 'PAID';
  await em.flush();
  const invoice = await issueTaxInvoice(em, {
    tenantId,
    supplierKind: 'CLINIC',
    supplier: clinic,
    recipient: { name: charge.recipientName, address: charge.recipientAddress, stateCode: charge.recipientStateCode, gstin: charge.recipientGstin },
    prefix: clinicInvoicePrefix(clinic.slug),
    nextSerial: (fy) => nextSerial(em, tenantId, 'INVOICE', fy),
    lines,
    byClinicalEstablishment: true,
    source: { patientId: charge.patientId, chargeId: charge.id, paymentId: payment.id, subscriptionId: null },
    issuedAt,
  });
  return { payment, invoice };
}
