import { GraphQLError } from 'graphql';
import { istDate } from '../../subgraphs/billing/gstTax';
import { checkExemption, gstRatesOn, validChargeLines, validGstRate, validQuantity, validRecipient, validSacCode, validUnitPrice } from '../../subgraphs/billing/chargeRules';
import { makeGstin } from '../../subgraphs/kit/gst';

const line = { sacCode: '999312', description: 'Consultation', quantity: 1, unitPricePaise: 50_000, gstRate: 0 };
const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? [error.extensions.code, error.extensions.field] : error;
  }
  return 'no error';
};

describe('charge line rules', () => {
  it('accepts six-digit service codes starting with 99 only', () => {
    expect(validSacCode('999312', 's')).toBe('999312');
    for (const bad of ['99931', '9993123', '301234', '99931A', ' 999312']) expect(codeOf(() => validSacCode(bad, 's'))).toEqual(['BAD_USER_INPUT', 's']);
  });

  it('accepts whole positive quantities up to 10000', () => {
    expect(validQuantity(10_000, 'q')).toBe(10_000);
    for (const bad of [0, -1, 1.5, 10_001]) expect(codeOf(() => validQuantity(bad, 'q'))).toEqual(['BAD_USER_INPUT', 'q']);
  });

  it('accepts non-negative whole paise', () => {
    expect(validUnitPrice(0, 'p')).toBe(0);
    for (const bad of [-1, 0.5]) expect(codeOf(() => validUnitPrice(bad, 'p'))).toEqual(['BAD_USER_INPUT', 'p']);
  });

  it('accepts the GST rates in force on the day: 0, 5, 18 and 40 from 22 September 2025, 0, 5, 12, 18 and 28 before', () => {
    for (const rate of [0, 5, 18, 40]) expect(validGstRate(rate, 'r', '2025-09-22')).toBe(rate);
    for (const bad of [12, 28, 3, -5, 18.5]) expect(codeOf(() => validGstRate(bad, 'r', '2025-09-22'))).toEqual(['BAD_USER_INPUT', 'r']);
    for (const rate of [0, 5, 12, 18, 28]) expect(validGstRate(rate, 'r', '2025-09-21')).toBe(rate);
    expect(codeOf(() => validGstRate(40, 'r', '2025-09-21'))).toEqual(['BAD_USER_INPUT', 'r']);
    // Unless told otherwise, today's rates (in India).
    expect(gstRatesOn(istDate(new Date()))).toEqual([0, 5, 18, 40]);
    expect(codeOf(() => validGstRate(12, 'r'))).toEqual(['BAD_USER_INPUT', 'r']);
    expect(() => validGstRate(28, 'lines[0].gstRate', '2026-12-04')).toThrow('lines[0].gstRate must be one of 0, 5, 18, 40 (per cent), the GST rates in force on 2026-12-04');
  });

  it('keeps exempt healthcare at 0 % and taxes cosmetic procedures', () => {
    expect(codeOf(() => checkExemption({ sacCode: '999312', gstRate: 18, cosmetic: false }, 'x'))).toEqual(['BAD_USER_INPUT', 'x']);
    expect(codeOf(() => checkExemption({ sacCode: '999312', gstRate: 0, cosmetic: true }, 'x'))).toEqual(['BAD_USER_INPUT', 'x']);
    expect(codeOf(() => checkExemption({ sacCode: '999312', gstRate: 18, cosmetic: true }, 'x'))).toBe('no error');
    expect(codeOf(() => checkExemption({ sacCode: '999312', gstRate: 0, cosmetic: false }, 'x'))).toBe('no error');
    expect(codeOf(() => checkExemption({ sacCode: '998315', gstRate: 18, cosmetic: false }, 'x'))).toBe('no error');
  });

  it('names the failing line and wants one to a hundred lines with a total that fits', () => {
    expect(codeOf(() => validChargeLines([line, { ...line, description: ' ' }]))).toEqual(['BAD_USER_INPUT', 'lines[1].description']);
    expect(codeOf(() => validChargeLines([{ ...line, description: 'x'.repeat(201) }]))).toEqual(['BAD_USER_INPUT', 'lines[0].description']);
    expect(codeOf(() => validChargeLines([]))).toEqual(['BAD_USER_INPUT', 'lines']);
    expect(codeOf(() => validChargeLines(Array.from({ length: 101 }, () => line)))).toEqual(['BAD_USER_INPUT', 'lines']);
    expect(codeOf(() => validChargeLines([{ ...line, quantity: 10_000, unitPricePaise: 300_000 }]))).toEqual(['BAD_USER_INPUT', 'lines']);
    expect(validChargeLines([line])[0]).toMatchObject({ cosmetic: false });
  });
});

describe('recipient', () => {
  const recipient = { name: 'Asha Rao', address: '5 MG Road, Pune', stateCode: '27' };

  it('validates a GSTIN with its check character and its State', () => {
    const gstin = makeGstin('27', 'ABCDE1234F');
    expect(validRecipient({ ...recipient, gstin }).gstin).toBe(gstin);
    const wrongCheck = gstin.slice(0, 14) + (gstin[14] === 'A' ? 'B' : 'A');
    expect(codeOf(() => validRecipient({ ...recipient, gstin: wrongCheck }))).toEqual(['BAD_USER_INPUT', 'recipient.gstin']);
    expect(codeOf(() => validRecipient({ ...recipient, gstin: makeGstin('29', 'ABCDE1234F') }))).toEqual(['BAD_USER_INPUT', 'recipient.gstin']);
  });

  it('wants a GST State code, a name and an address; no GSTIN for the unregistered', () => {
    expect(validRecipient({ ...recipient, gstin: '' }).gstin).toBeNull();
    expect(validRecipient({ ...recipient, stateCode: '38' }).stateCode).toBe('38');
    expect(codeOf(() => validRecipient({ ...recipient, stateCode: '40' }))).toEqual(['BAD_USER_INPUT', 'recipient.stateCode']);
    expect(codeOf(() => validRecipient({ ...recipient, name: '' }))).toEqual(['BAD_USER_INPUT', 'recipient.name']);
    expect(codeOf(() => validRecipient({ ...recipient, address: 'x' }))).toEqual(['BAD_USER_INPUT', 'recipient.address']);
  });
});
