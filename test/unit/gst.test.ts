import { gstinCheckCharacter, gstinProblem, gstStateName, isGstStateCode, makeGstin } from '../../subgraphs/kit/gst';

describe('GSTIN', () => {
  it('accepts the published example and computes its check character', () => {
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V');
    expect(gstinProblem('27AAPFU0939F1ZV')).toBeNull();
  });

  it('refuses a wrong check character, shape or State code, and says which', () => {
    expect(gstinProblem('27AAPFU0939F1ZW')).toMatch(/check character/);
    expect(gstinProblem('27AAPFU0939F1Z')).toMatch(/15 characters/);
    expect(gstinProblem('27aapfu0939f1zv')).toMatch(/15 characters/);
    const unknownState = `40AAPFU0939F1Z${gstinCheckCharacter('40AAPFU0939F1Z')}`;
    expect(gstinProblem(unknownState)).toMatch(/not a GST State code/);
  });

  it('makes valid GSTINs for any State', () => {
    for (const state of ['01', '27', '29', '38', '97']) expect(gstinProblem(makeGstin(state, 'ABCDE1234F'))).toBeNull();
  });
});

describe('GST State codes', () => {
  it('runs past 37 to Ladakh, plus 97 and 99', () => {
    expect(gstStateName('38')).toBe('Ladakh');
    expect(isGstStateCode('97') && isGstStateCode('99')).toBe(true);
    expect(isGstStateCode('39') || isGstStateCode('00')).toBe(false);
    expect(() => gstStateName('39')).toThrow(RangeError);
  });
});
