import {
  clinicInvoicePrefix, creditedTax, documentNumber, financialYear, isExemptHealthcare, istDate, lineTax, splitTax, sumTotals, taxInvoiceLines,
} from '../../subgraphs/billing/gstTax';
import { formatRupees } from '../../subgraphs/billing/invoicePdf';

describe('financial year and invoice date (IST)', () => {
  it('turns over at midnight between 31 March and 1 April in India, not in UTC', () => {
    const lastMinute = new Date('2027-03-31T23:59:00+05:30');
    const firstMinute = new Date('2027-04-01T00:00:00+05:30');
    expect(financialYear(lastMinute)).toBe('26-27');
    expect(financialYear(firstMinute)).toBe('27-28');
    // 1 April 00:00 IST is still 31 March in UTC: the UTC date would be wrong.
    expect(firstMinute.toISOString().slice(0, 10)).toBe('2027-03-31');
    expect(istDate(firstMinute)).toBe('2027-04-01');
    expect(istDate(lastMinute)).toBe('2027-03-31');
  });

  it('writes the year across a century', () => {
    expect(financialYear(new Date('2099-12-01T00:00:00Z'))).toBe('99-00');
    expect(financialYear(new Date('2100-02-01T00:00:00Z'))).toBe('99-00');
  });
});

describe('document numbers', () => {
  it('are at most 16 characters of letters, digits, - and /', () => {
    const number = documentNumber(clinicInvoicePrefix('sunrise'), '26-27', 42);
    expect(number).toBe('SUN/26-27/00042');
    expect(documentNumber('CN', '26-27', 99_999)).toBe('CN/26-27/99999');
    for (const slug of ['a-b', 'lotus', '9-lives-clinic', 'xy-z']) {
      expect(documentNumber(clinicInvoicePrefix(slug), '26-27', 99_999)).toMatch(/^[A-Za-z0-9/-]{1,16}$/);
    }
  });

  it('gives every clinic a three-character prefix, never the credit note prefix CN', () => {
    expect(clinicInvoicePrefix('a-b')).toBe('ABX');
    expect(clinicInvoicePrefix('c-n')).toBe('CNX');
  });

  it('refuses serials outside 1..99999 and prefixes that break the format', () => {
    expect(() => documentNumber('SUN', '26-27', 0)).toThrow(RangeError);
    expect(() => documentNumber('SUN', '26-27', 100_000)).toThrow(RangeError);
    expect(() => documentNumber('SUNRISE', '26-27', 1)).toThrow(RangeError);
    expect(() => documentNumber('S N', '26-27', 1)).toThrow(RangeError);
  });
});

describe('line tax: taxable value times rate, rounded half up to the paisa', () => {
  it('rounds half up', () => {
    expect(lineTax(250, 18)).toBe(45); // 45.00
    expect(lineTax(25, 18)).toBe(5); // 4.50 -> 5
    expect(lineTax(24, 18)).toBe(4); // 4.32 -> 4
    expect(lineTax(36, 18)).toBe(6); // 6.48 -> 6
    expect(lineTax(10, 5)).toBe(1); // 0.50 -> 1
    expect(lineTax(9, 5)).toBe(0); // 0.45 -> 0
    expect(lineTax(123_456, 28)).toBe(34_568); // 34567.68
  });

  it('is zero at 0 % and exact on large amounts', () => {
    expect(lineTax(2_000_000_000, 0)).toBe(0);
    expect(lineTax(2_000_000_001, 18)).toBe(360_000_000);
  });
});

describe('CGST + SGST or IGST', () => {
  it('splits intra-State tax in halves with the odd paisa to CGST', () => {
    expect(splitTax(45, '27', '27')).toEqual({ cgstPaise: 23, sgstPaise: 22, igstPaise: 0 });
    expect(splitTax(44, '27', '27')).toEqual({ cgstPaise: 22, sgstPaise: 22, igstPaise: 0 });
  });

  it('charges IGST when the place of supply is another State', () => {
    expect(splitTax(45, '27', '29')).toEqual({ cgstPaise: 0, sgstPaise: 0, igstPaise: 45 });
  });

  it('gives the same grand total either way', () => {
    const lines = [
      { sacCode: '999312', description: 'Cosmetic peel', quantity: 3, unitPricePaise: 33_333, gstRate: 18, cosmetic: true },
      { sacCode: '998315', description: 'Subscription', quantity: 1, unitPricePaise: 299_900, gstRate: 18, cosmetic: false },
    ];
    const same = taxInvoiceLines(lines, { supplierStateCode: '27', placeOfSupplyStateCode: '27', byClinicalEstablishment: true });
    const other = taxInvoiceLines(lines, { supplierStateCode: '27', placeOfSupplyStateCode: '29', byClinicalEstablishment: true });
    expect(same.totals.totalPaise).toBe(other.totals.totalPaise);
    expect(same.totals).toMatchObject({ taxablePaise: 399_899, igstPaise: 0 });
    expect(same.totals.cgstPaise + same.totals.sgstPaise).toBe(other.totals.igstPaise);
    // 99999 * 18 % = 17999.82 -> 18000; 299900 * 18 % = 53982
    expect(other.totals.igstPaise).toBe(18_000 + 53_982);
    expect(same.lines[0]).toMatchObject({ cgstPaise: 9_000, sgstPaise: 9_000 });
    expect(same.lines[1]).toMatchObject({ cgstPaise: 26_991, sgstPaise: 26_991 });
  });
});

describe('exempt healthcare', () => {
  it('is heading 9993 by a clinical establishment, unless cosmetic', () => {
    expect(isExemptHealthcare('999312', false, true)).toBe(true);
    expect(isExemptHealthcare('999312', true, true)).toBe(false);
    expect(isExemptHealthcare('998315', false, true)).toBe(false);
    expect(isExemptHealthcare('999312', false, false)).toBe(false);
  });

  it('appears on the invoice at 0 % with no tax', () => {
    const { lines, totals } = taxInvoiceLines(
      [{ sacCode: '999312', description: 'Consultation', quantity: 2, unitPricePaise: 50_000, gstRate: 0, cosmetic: false }],
      { supplierStateCode: '27', placeOfSupplyStateCode: '27', byClinicalEstablishment: true },
    );
    expect(lines[0]).toMatchObject({ exempt: true, gstRate: 0, taxablePaise: 100_000, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 });
    expect(totals).toEqual({ taxablePaise: 100_000, cgstPaise: 0, sgstPaise: 0, igstPaise: 0, totalPaise: 100_000 });
  });
});

describe('totals in figures', () => {
  it('add every line and the grand total', () => {
    expect(sumTotals([
      { taxablePaise: 100, cgstPaise: 9, sgstPaise: 9, igstPaise: 0 },
      { taxablePaise: 250, cgstPaise: 23, sgstPaise: 22, igstPaise: 0 },
    ])).toEqual({ taxablePaise: 350, cgstPaise: 32, sgstPaise: 31, igstPaise: 0, totalPaise: 413 });
  });
});

describe('credit note tax', () => {
  const line = { taxablePaise: 2, gstRate: 50 as number, cgstPaise: 1, sgstPaise: 0, igstPaise: 0 };
  const nothing = { taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0 };

  it('never takes back more CGST, SGST or IGST than the line had, over many credit notes', () => {
    // A line of 10 paise at 18 %: tax 2 -> CGST 1, SGST 1. Ten credits of 1 paisa each.
    const invoiced = { taxablePaise: 10, gstRate: 18, cgstPaise: 1, sgstPaise: 1, igstPaise: 0 };
    let already = { ...nothing };
    for (let i = 0; i < 10; i++) {
      const tax = creditedTax(invoiced, already, 1);
      already = { taxablePaise: already.taxablePaise + 1, cgstPaise: already.cgstPaise + tax.cgstPaise, sgstPaise: already.sgstPaise + tax.sgstPaise, igstPaise: already.igstPaise + tax.igstPaise };
      expect(already.cgstPaise).toBeLessThanOrEqual(1);
      expect(already.sgstPaise).toBeLessThanOrEqual(1);
    }
    expect(already).toEqual({ taxablePaise: 10, cgstPaise: 1, sgstPaise: 1, igstPaise: 0 });
  });

  it('takes exactly what remains on the last credit, and refuses more', () => {
    const invoiced = { taxablePaise: 99_999, gstRate: 18, cgstPaise: 0, sgstPaise: 0, igstPaise: 18_000 };
    const first = creditedTax(invoiced, nothing, 50_000);
    expect(first).toEqual({ cgstPaise: 0, sgstPaise: 0, igstPaise: 9_000 });
    const rest = creditedTax(invoiced, { taxablePaise: 50_000, ...first }, 49_999);
    expect(rest.igstPaise).toBe(9_000);
    expect(() => creditedTax(invoiced, { taxablePaise: 50_000, ...first }, 50_000)).toThrow(RangeError);
    expect(() => creditedTax(line, nothing, 0)).toThrow(RangeError);
  });
});

describe('amounts on the printed invoice', () => {
  it('are rupees with Indian digit grouping', () => {
    expect(formatRupees(12_345_678)).toBe('Rs. 1,23,456.78');
    expect(formatRupees(5)).toBe('Rs. 0.05');
    expect(formatRupees(100_000)).toBe('Rs. 1,000.00');
    expect(formatRupees(1_000_000_000)).toBe('Rs. 1,00,00,000.00');
  });
});
