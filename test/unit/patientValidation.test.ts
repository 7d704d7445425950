import { GraphQLError } from 'graphql';
import {
  formatAbhaNumber, patientSearch, validAbhaAddress, validAbhaNumber, validAddress, validEmail, validPhone, validStateCode,
} from '../../subgraphs/patient/validation';

/** The BAD_USER_INPUT error `run` throws, with the field it names. */
function rejection(run: () => unknown): { code: unknown; field: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions.code, field: error.extensions.field };
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('validPhone', () => {
  it.each([
    ['9876543210', '+919876543210'],
    ['+91 98765 43210', '+919876543210'],
    ['+91-98765-43210', '+919876543210'],
    ['919876543210', '+919876543210'],
    ['09876543210', '+919876543210'],
    ['(0) 70000 12345', '+917000012345'],
    ['6000000000', '+916000000000'],
  ])('normalises %s to %s', (input, e164) => {
    expect(validPhone(input)).toBe(e164);
  });

  it.each(['5876543210', '987654321', '98765432101', '+44 7700 900123', '+9198765432', 'phone', '98765 4321x'])('refuses %s, naming phone', (input) => {
    expect(rejection(() => validPhone(input))).toEqual({ code: 'BAD_USER_INPUT', field: 'phone' });
  });

  it('treats empty as absent', () => {
    expect(validPhone('  ')).toBeNull();
    expect(validPhone(null)).toBeNull();
  });
});

describe('validEmail', () => {
  it('trims and lower-cases', () => {
    expect(validEmail('  Asha.Rao@Example.IN ')).toBe('asha.rao@example.in');
  });
  it.each(['asha', 'asha@', '@example.in', 'asha@example', 'a sha@example.in', 'a@b@example.in', `${'a'.repeat(250)}@example.in`])('refuses %s, naming email', (input) => {
    expect(rejection(() => validEmail(input))).toEqual({ code: 'BAD_USER_INPUT', field: 'email' });
  });
});

describe('validAbhaNumber', () => {
  it('accepts 14 digits with or without hyphens and keeps the digits', () => {
    expect(validAbhaNumber('00-0000-0000-0042')).toBe('00000000000042');
    expect(validAbhaNumber('00000000000042')).toBe('00000000000042');
  });
  it('writes it NN-NNNN-NNNN-NNNN', () => {
    expect(formatAbhaNumber('91123456789012')).toBe('91-1234-5678-9012');
  });
  it.each(['0000000000004', '000000000000421', '00-0000-0000-004a', '000-000-0000-0042', '00 0000 0000 0042x'])('refuses %s, naming abhaNumber', (input) => {
    expect(rejection(() => validAbhaNumber(input))).toEqual({ code: 'BAD_USER_INPUT', field: 'abhaNumber' });
  });
});

describe('validAbhaAddress', () => {
  it.each([
    ['asha.rao@abdm', 'asha.rao@abdm'],
    ['Asha_1990@SBX', 'asha_1990@sbx'],
    ['abcd@abdm', 'abcd@abdm'],
  ])('accepts %s as %s', (input, kept) => {
    expect(validAbhaAddress(input)).toBe(kept);
  });
  it.each(['abc@abdm', '1asha@abdm', 'asha@gmail.com', 'asha@abdm.gov.in', 'asha rao@abdm', '.asha@abdm', 'asha'])('refuses %s, naming abhaAddress', (input) => {
    expect(rejection(() => validAbhaAddress(input))).toEqual({ code: 'BAD_USER_INPUT', field: 'abhaAddress' });
  });
});

describe('validAddress', () => {
  it('trims, and empty is absent', () => {
    expect(validAddress('  12 MG Road, Pune ')).toBe('12 MG Road, Pune');
    expect(validAddress('')).toBeNull();
  });
  it('refuses more than 500 characters, naming address', () => {
    expect(rejection(() => validAddress('x'.repeat(501)))).toEqual({ code: 'BAD_USER_INPUT', field: 'address' });
  });
});

describe('validStateCode', () => {
  it.each(['01', '27', '38', '97', '99'])('accepts GST State code %s', (code) => {
    expect(validStateCode(code)).toBe(code);
  });
  it.each(['00', '39', '96', '7', 'MH', '270'])('refuses %s, naming stateCode', (code) => {
    expect(rejection(() => validStateCode(code))).toEqual({ code: 'BAD_USER_INPUT', field: 'stateCode' });
  });
});

describe('patientSearch', () => {
  it('tells an ABHA number, a phone and a name apart by shape', () => {
    expect(patientSearch('00-0000-0000-0042')).toEqual({ by: 'abhaNumber', value: '00000000000042' });
    expect(patientSearch('00 0000 0000 0042')).toEqual({ by: 'abhaNumber', value: '00000000000042' });
    expect(patientSearch('+91 90000 00001')).toEqual({ by: 'phone', value: '+919000000001' });
    expect(patientSearch('9000000001')).toEqual({ by: 'phone', value: '+919000000001' });
    expect(patientSearch(' Rao ')).toEqual({ by: 'name', text: 'Rao' });
    expect(patientSearch('12345')).toEqual({ by: 'name', text: '12345' });
    expect(patientSearch('  ')).toBeNull();
  });
});
