import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, notFound } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { CreditNoteLineSchema, CreditNoteSchema, InvoiceLineSchema, InvoiceSchema, type CreditNote } from './entities';
import { CREDIT_NOTE_PREFIX, creditedTax, documentNumber, financialYear, istDate, sumTotals, type TaxSplit } from './gstTax';
import type { Clock } from './invoices';
import { nextSerial } from './numbering';

export interface CreditNoteInput {
  invoiceId: string;
  lines: { invoiceLineId: string; taxablePaise: number }[];
  reason: string;
}

const zero = (): TaxSplit & { taxablePaise: number } => ({ taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 });

/**
 * Corrects an issued invoice of the clinic with a credit note of its own series
 * (`CN/26-27/00001`), referencing the invoice. Each line takes back part of an
 * invoice line's taxable value, never more than remains after earlier credit notes;
 * the invoice row is locked so two credit notes at once cannot both take the rest.
 */
export async function issueCreditNote(em: EntityManager, tenantId: string, input: CreditNoteInput, now: Clock = () => new Date()): Promise<CreditNote> {
  const reason = input.reason.trim();
  if (reason.length < 1 || reason.length > 500) throw badUserInput('reason must be 1 to 500 characters', 'reason');
  if (input.lines.length < 1) throw badUserInput('a credit note has at least one line', 'lines');
  if (new Set(input.lines.map((l) => l.invoiceLineId)).size !== input.lines.length) throw badUserInput('each invoice line may appear once', 'lines');
  input.lines.forEach((line, i) => {
    if (!Number.isInteger(line.taxablePaise) || line.taxablePaise < 1) throw badUserInput(`lines[${i}].taxablePaise must be a positive whole number of paise`, `lines[${i}].taxablePaise`);
  });

  const invoice = isUuid(input.invoiceId) ? await em.findOne(InvoiceSchema, { id: input.invoiceId, supplierKind: 'CLINIC' }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!invoice) throw notFound('Invoice', input.invoiceId);
  const invoiceLines = new Map((await em.find(InvoiceLineSchema, { invoiceId: invoice.id })).map((line) => [line.id, line]));
  const earlier = await em.find(CreditNoteLineSchema, { invoiceLineId: { $in: [...invoiceLines.keys()] } });
  const already = new Map<string, ReturnType<typeof zero>>();
  for (const row of earlier) {
    const sum = already.get(row.invoiceLineId) ?? zero();
    already.set(row.invoiceLineId, { taxablePaise: sum.taxablePaise + row.taxablePaise, cgstPaise: sum.cgstPaise + row.cgstPaise, sgstPaise: sum.sgstPaise + row.sgstPaise, igstPaise: sum.igstPaise + row.igstPaise });
  }

  const credited = input.lines.map((requested, i) => {
    const line = invoiceLines.get(requested.invoiceLineId);
    if (!line) throw badUserInput(`lines[${i}].invoiceLineId is not a line of invoice ${invoice.number}`, `lines[${i}].invoiceLineId`);
    const before = already.get(line.id) ?? zero();
    const remaining = line.taxablePaise - before.taxablePaise;
    if (requested.taxablePaise > remaining) {
      throw badUserInput(`lines[${i}].taxablePaise exceeds what remains to credit on that line (${remaining} paise)`, `lines[${i}].taxablePaise`);
    }
    return { invoiceLineId: line.id, taxablePaise: requested.taxablePaise, ...creditedTax(line, before, requested.taxablePaise) };
  });

  const issuedAt = now();
  const fy = financialYear(issuedAt);
  const serial = await nextSerial(em, tenantId, 'CREDIT_NOTE', fy);
  const note = em.create(CreditNoteSchema, {
    tenantId,
    invoiceId: invoice.id,
    number: documentNumber(CREDIT_NOTE_PREFIX, fy, serial),
    financialYear: fy,
    serial,
    issuedAt,
    issueDate: istDate(issuedAt),
    reason,
    ...sumTotals(credited),
  });
  await em.flush();
  for (const line of credited) em.create(CreditNoteLineSchema, { tenantId, creditNoteId: note.id, ...line });
  await em.flush();
  return note;
}
