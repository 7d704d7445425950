import { badUserInput } from '../kit/errors';
import { gstinProblem, isGstStateCode } from '../kit/gst';
import { isExemptHealthcare, istDate, taxInvoiceLines, type LineInput } from './gstTax';

/**
 * GST rates, per cent, by the day (in India) they came into force. From 22 September
 * 2025 the 12 % and 28 % rates gave way to 5 %, 18 % and a 40 % rate; a charge takes
 * the rates of the day it is opened.
 */
export const GST_RATE_SCHEDULE: readonly { from: string; rates: readonly number[] }[] = [
  { from: '2017-07-01', rates: [0, 5, 12, 18, 28] },
  { from: '2025-09-22', rates: [0, 5, 18, 40] },
];

/** The GST rates in force on an Indian calendar day (YYYY-MM-DD). */
export function gstRatesOn(day: string): readonly number[] {
  const inForce = GST_RATE_SCHEDULE.filter((entry) => entry.from <= day).at(-1);
  if (!inForce) throw new Error(`no GST rates before ${GST_RATE_SCHEDULE[0]!.from}`);
  return inForce.rates;
}
export const MAX_LINES = 100;
export const MAX_QUANTITY = 10_000;
/** Amounts travel as GraphQL Int (32-bit): a charge's grand total stays below 2^31 paise. */
export const MAX_TOTAL_PAISE = 2_147_483_647;

/** A service accounting code: six digits starting with 99 (services). */
export function validSacCode(sacCode: string, field: string): string {
  if (!/^99[0-9]{4}$/.test(sacCode)) throw badUserInput(`${field} must be a six-digit SAC code starting with 99, such as 999312`, field);
  return sacCode;
}

/** Quantity: a whole number of units from 1 to 10,000 (services are counted, not measured). */
export function validQuantity(quantity: number, field: string): number {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw badUserInput(`${field} must be a whole number from 1 to ${MAX_QUANTITY}`, field);
  }
  return quantity;
}

/** Unit price: a non-negative whole number of paise. */
export function validUnitPrice(paise: number, field: string): number {
  if (!Number.isInteger(paise) || paise < 0) throw badUserInput(`${field} must be a non-negative whole number of paise`, field);
  return paise;
}

/** GST rate: one of the rates in force on `day` (today in India unless given). */
export function validGstRate(rate: number, field: string, day = istDate(new Date())): number {
  const rates = gstRatesOn(day);
  if (!rates.includes(rate)) throw badUserInput(`${field} must be one of ${rates.join(', ')} (per cent), the GST rates in force on ${day}`, field);
  return rate;
}

/** Description: trimmed, 1 to 200 characters. */
export function validDescription(description: string, field: string): string {
  const trimmed = description.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw badUserInput(`${field} must be 1 to 200 characters`, field);
  return trimmed;
}

/**
 * The exemption rule on a clinic's line: exempt healthcare (heading 9993, not
 * cosmetic) must carry 0 %, and a cosmetic procedure is taxed, so its rate is above 0.
 */
export function checkExemption(line: Pick<LineInput, 'sacCode' | 'gstRate' | 'cosmetic'>, field: string): void {
  if (isExemptHealthcare(line.sacCode, line.cosmetic, true) && line.gstRate !== 0) {
    throw badUserInput(`${field}: healthcare services (SAC 9993xx) by a clinical establishment are exempt and carry 0 %; mark a cosmetic procedure cosmetic`, field);
  }
  if (line.cosmetic && line.gstRate === 0) throw badUserInput(`${field}: a cosmetic procedure is not exempt; give its GST rate`, field);
}

export interface Recipient {
  name: string;
  address: string;
  stateCode: string;
  gstin: string | null;
}

/** The recipient: name, address, a GST State code, and a valid GSTIN of that State when registered. */
export function validRecipient(recipient: { name: string; address: string; stateCode: string; gstin?: string | null }): Recipient {
  const name = recipient.name.trim();
  if (name.length < 1 || name.length > 200) throw badUserInput('recipient.name must be 1 to 200 characters', 'recipient.name');
  const address = recipient.address.trim();
  if (address.length < 5 || address.length > 500) throw badUserInput('recipient.address must be 5 to 500 characters', 'recipient.address');
  if (!isGstStateCode(recipient.stateCode)) throw badUserInput(`recipient.stateCode ${recipient.stateCode} is not a GST State code`, 'recipient.stateCode');
  const gstin = recipient.gstin?.trim() || null;
  if (gstin) {
    const problem = gstinProblem(gstin);
    if (problem) throw badUserInput(`recipient.gstin: ${problem}`, 'recipient.gstin');
    if (gstin.slice(0, 2) !== recipient.stateCode) throw badUserInput('recipient.gstin must belong to recipient.stateCode', 'recipient.gstin');
  }
  return { name, address, stateCode: recipient.stateCode, gstin };
}

/** Every line of a charge opened on `day`, validated in order; at least one, at most 100; the grand total fits. */
export function validChargeLines(lines: (Omit<LineInput, 'cosmetic'> & { cosmetic?: boolean | null })[], day = istDate(new Date())): LineInput[] {
  if (lines.length < 1 || lines.length > MAX_LINES) throw badUserInput(`a charge has 1 to ${MAX_LINES} lines`, 'lines');
  const valid = lines.map((line, i) => {
    const at = (name: string) => `lines[${i}].${name}`;
    const checked: LineInput = {
      sacCode: validSacCode(line.sacCode, at('sacCode')),
      description: validDescription(line.description, at('description')),
      quantity: validQuantity(line.quantity, at('quantity')),
      unitPricePaise: validUnitPrice(line.unitPricePaise, at('unitPricePaise')),
      gstRate: validGstRate(line.gstRate, at('gstRate'), day),
      cosmetic: line.cosmetic ?? false,
    };
    checkExemption(checked, at('gstRate'));
    return checked;
  });
  // The States do not change the total (see splitTax), so any pair will do here.
  const { totals } = taxInvoiceLines(valid, { supplierStateCode: '27', placeOfSupplyStateCode: '27', byClinicalEstablishment: true });
  if (totals.totalPaise > MAX_TOTAL_PAISE) throw badUserInput(`a charge's total must stay below ${MAX_TOTAL_PAISE} paise`, 'lines');
  return valid;
}
