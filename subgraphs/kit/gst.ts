/**
 * GST identifiers (COMPLIANCE.md, "GST invoices"): State codes and the GSTIN with
 * its Luhn mod 36 check character. One place for these rules; billing and the
 * clinic signup both call it.
 */

/** GST State and territory codes with their names (01-38, 97 other territory, 99 centre). */
export const GST_STATES: Readonly<Record<string, string>> = {
  '01': 'Jammu and Kashmir', '02': 'Himachal Pradesh', '03': 'Punjab', '04': 'Chandigarh',
  '05': 'Uttarakhand', '06': 'Haryana', '07': 'Delhi', '08': 'Rajasthan', '09': 'Uttar Pradesh',
  '10': 'Bihar', '11': 'Sikkim', '12': 'Arunachal Pradesh', '13': 'Nagaland', '14': 'Manipur',
  '15': 'Mizoram', '16': 'Tripura', '17': 'Meghalaya', '18': 'Assam', '19': 'West Bengal',
  '20': 'Jharkhand', '21': 'Odisha', '22': 'Chhattisgarh', '23': 'Madhya Pradesh', '24': 'Gujarat',
  '25': 'Daman and Diu', '26': 'Dadra and Nagar Haveli and Daman and Diu', '27': 'Maharashtra',
  '28': 'Andhra Pradesh (before division)', '29': 'Karnataka', '30': 'Goa', '31': 'Lakshadweep',
  '32': 'Kerala', '33': 'Tamil Nadu', '34': 'Puducherry', '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana', '37': 'Andhra Pradesh', '38': 'Ladakh', '97': 'Other Territory', '99': 'Centre Jurisdiction',
};

export function isGstStateCode(code: string): boolean {
  return Object.hasOwn(GST_STATES, code);
}

/** The State's name for a code, for "place of supply" lines. */
export function gstStateName(code: string): string {
  const name = GST_STATES[code];
  if (!name) throw new RangeError(`unknown GST State code ${code}`);
  return name;
}

const CODE_POINTS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const GSTIN_SHAPE = /^([0-9]{2})([A-Z]{5}[0-9]{4}[A-Z])([1-9A-Z])Z([0-9A-Z])$/;

/** The check character of the first 14 characters of a GSTIN (Luhn mod 36). */
export function gstinCheckCharacter(first14: string): string {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const p = CODE_POINTS.indexOf(first14[i]!) * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(p / 36) + (p % 36);
  }
  return CODE_POINTS[(36 - (sum % 36)) % 36]!;
}

/**
 * Why a GSTIN is not valid, in plain words, or null when it is: 15 characters,
 * a known State code, a PAN, an entity number, `Z`, and the right check character.
 */
export function gstinProblem(gstin: string): string | null {
  const match = GSTIN_SHAPE.exec(gstin);
  if (!match) return 'a GSTIN is 15 characters: State code, PAN, entity number, Z and a check character';
  if (!isGstStateCode(match[1]!)) return `${match[1]} is not a GST State code`;
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== match[4]) return 'the GSTIN check character does not match';
  return null;
}

/** A GSTIN for tests and demo data: the given State and PAN with its check character. */
export function makeGstin(stateCode: string, pan: string, entity = '1'): string {
  const first14 = `${stateCode}${pan}${entity}Z`;
  return first14 + gstinCheckCharacter(first14);
}
