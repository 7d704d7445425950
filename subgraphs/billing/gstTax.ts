/**
 * The arithmetic of a GST tax invoice (COMPLIANCE.md, "GST invoices"): one function
 * per rule, pure, so each has its own unit test. Money is integer paise throughout.
 */

/** India Standard Time is UTC+05:30 all year (no daylight saving). */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/** The calendar date in India, YYYY-MM-DD: the invoice date. */
export function istDate(instant: Date): string {
  return new Date(instant.getTime() + IST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The financial year (1 April to 31 March, in IST) an instant falls in, written
 * `26-27` for 1 April 2026 to 31 March 2027.
 */
export function financialYear(instant: Date): string {
  const [year, month] = istDate(instant).split('-').map(Number) as [number, number];
  const start = month >= 4 ? year : year - 1;
  const yy = (n: number) => String(n % 100).padStart(2, '0');
  return `${yy(start)}-${yy(start + 1)}`;
}

/** The highest serial a series holds in one financial year (five digits keep numbers within 16 characters). */
export const MAX_SERIAL = 99_999;
const DOCUMENT_NUMBER = /^[A-Za-z0-9/-]{1,16}$/;

/**
 * A document number `PREFIX/26-27/00042`: at most 16 characters of letters, digits,
 * `-` and `/`, unique within the financial year because the year is part of it.
 */
export function documentNumber(prefix: string, fy: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) throw new RangeError(`serial ${serial} is outside 1..${MAX_SERIAL}`);
  const number = `${prefix}/${fy}/${String(serial).padStart(5, '0')}`;
  if (!DOCUMENT_NUMBER.test(number)) throw new RangeError(`${number} is not a valid GST document number`);
  return number;
}

/**
 * The clinic's invoice prefix: the first three letters or digits of its sign-in slug,
 * upper case, padded with X (`sunrise` gives `SUN`). Three characters keep the number
 * at 15 and can never equal the two-letter credit note prefix `CN`.
 */
export function clinicInvoicePrefix(slug: string): string {
  return slug.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 3).padEnd(3, 'X');
}

/** Credit notes have their own series per clinic (`CN/26-27/00001`). */
export const CREDIT_NOTE_PREFIX = 'CN';

/** Taxable value of a line: quantity times unit price, exact in paise. */
export function taxableValue(quantity: number, unitPricePaise: number): number {
  return quantity * unitPricePaise;
}

/**
 * Tax on a line: taxable value times the rate (per cent), rounded half up to the
 * paisa. Integer arithmetic only (values are non-negative and far below 2^53).
 */
export function lineTax(taxablePaise: number, ratePercent: number): number {
  const hundredths = taxablePaise * ratePercent + 50;
  return (hundredths - (hundredths % 100)) / 100;
}

export interface TaxSplit {
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
}

/**
 * Splits a line's tax: supplier and place of supply in the same State pay CGST +
 * SGST, each half of the tax, the odd paisa going to CGST; different States pay
 * IGST, the whole tax. The total never depends on the split.
 */
export function splitTax(taxPaise: number, supplierStateCode: string, placeOfSupplyStateCode: string): TaxSplit {
  if (supplierStateCode !== placeOfSupplyStateCode) return { cgstPaise: 0, sgstPaise: 0, igstPaise: taxPaise };
  const sgstPaise = (taxPaise - (taxPaise % 2)) / 2;
  return { cgstPaise: taxPaise - sgstPaise, sgstPaise, igstPaise: 0 };
}

/** Healthcare services heading (Notification 12/2017-CT(Rate)). */
export const HEALTHCARE_HEADING = '9993';

/**
 * Whether a line is exempt healthcare: heading 9993 supplied by a clinical
 * establishment and not a cosmetic procedure. Every clinic on the platform is a
 * clinical establishment; the platform itself is not.
 */
export function isExemptHealthcare(sacCode: string, cosmetic: boolean, byClinicalEstablishment: boolean): boolean {
  return byClinicalEstablishment && sacCode.startsWith(HEALTHCARE_HEADING) && !cosmetic;
}

export interface LineInput {
  sacCode: string;
  description: string;
  quantity: number;
  unitPricePaise: number;
  gstRate: number;
  cosmetic: boolean;
}

export interface TaxedLine extends TaxSplit {
  position: number;
  sacCode: string;
  description: string;
  quantity: number;
  unitPricePaise: number;
  taxablePaise: number;
  gstRate: number;
  exempt: boolean;
}

export interface InvoiceTotals extends TaxSplit {
  taxablePaise: number;
  totalPaise: number;
}

/** Works out every line's taxable value and tax split, and the invoice totals. */
export function taxInvoiceLines(
  lines: LineInput[],
  supply: { supplierStateCode: string; placeOfSupplyStateCode: string; byClinicalEstablishment: boolean },
): { lines: TaxedLine[]; totals: InvoiceTotals } {
  const taxed = lines.map((line, i): TaxedLine => {
    const taxablePaise = taxableValue(line.quantity, line.unitPricePaise);
    const split = splitTax(lineTax(taxablePaise, line.gstRate), supply.supplierStateCode, supply.placeOfSupplyStateCode);
    return {
      position: i + 1,
      sacCode: line.sacCode,
      description: line.description,
      quantity: line.quantity,
      unitPricePaise: line.unitPricePaise,
      taxablePaise,
      gstRate: line.gstRate,
      exempt: isExemptHealthcare(line.sacCode, line.cosmetic, supply.byClinicalEstablishment),
      ...split,
    };
  });
  return { lines: taxed, totals: sumTotals(taxed) };
}

/** Totals of lines in figures: taxable, CGST, SGST, IGST and the grand total. */
export function sumTotals(lines: (TaxSplit & { taxablePaise: number })[]): InvoiceTotals {
  const sum = (pick: (line: TaxSplit & { taxablePaise: number }) => number) => lines.reduce((total, line) => total + pick(line), 0);
  const totals = { taxablePaise: sum((l) => l.taxablePaise), cgstPaise: sum((l) => l.cgstPaise), sgstPaise: sum((l) => l.sgstPaise), igstPaise: sum((l) => l.igstPaise) };
  return { ...totals, totalPaise: totals.taxablePaise + totals.cgstPaise + totals.sgstPaise + totals.igstPaise };
}

/**
 * The tax a credit note takes back on one invoice line, given what earlier credit
 * notes took: the line's rate on the credited value, rounded as on the invoice; the
 * last credit takes exactly what remains, and no component (CGST, SGST, IGST) ever
 * goes below zero, so credit notes never exceed what was invoiced.
 */
export function creditedTax(
  line: TaxSplit & { taxablePaise: number; gstRate: number },
  already: TaxSplit & { taxablePaise: number },
  creditTaxablePaise: number,
): TaxSplit {
  const remaining = {
    taxable: line.taxablePaise - already.taxablePaise,
    cgst: line.cgstPaise - already.cgstPaise,
    sgst: line.sgstPaise - already.sgstPaise,
    igst: line.igstPaise - already.igstPaise,
  };
  if (creditTaxablePaise < 1 || creditTaxablePaise > remaining.taxable) throw new RangeError(`credit ${creditTaxablePaise} is outside 1..${remaining.taxable}`);
  if (creditTaxablePaise === remaining.taxable) return { cgstPaise: remaining.cgst, sgstPaise: remaining.sgst, igstPaise: remaining.igst };
  const tax = Math.min(lineTax(creditTaxablePaise, line.gstRate), remaining.cgst + remaining.sgst + remaining.igst);
  if (line.igstPaise > 0 || line.cgstPaise + line.sgstPaise === 0) return { cgstPaise: 0, sgstPaise: 0, igstPaise: Math.min(tax, remaining.igst) };
  const cgstPaise = Math.min(tax - (tax - (tax % 2)) / 2, remaining.cgst);
  return { cgstPaise, sgstPaise: tax - cgstPaise, igstPaise: 0 };
}
