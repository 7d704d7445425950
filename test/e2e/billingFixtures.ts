import { devToken, graphql, type TestStack } from '../support/stack';

/** Every rule 46 field of an invoice, as the billing tests read it. */
export const INVOICE_FIELDS = /* GraphQL */ `
  id number financialYear issueDate issuedAt supplierKind reverseCharge taxKind status
  patient { id }
  supplier { name address gstin stateCode stateName }
  recipient { name address gstin stateCode stateName }
  placeOfSupply { stateCode stateName }
  lines { id position sacCode description quantity unitPricePaise taxablePaise gstRate exempt cgstPaise sgstPaise igstPaise totalPaise }
  taxablePaise cgstPaise sgstPaise igstPaise totalPaise
`;

export const CREATE_CHARGE = /* GraphQL */ `
  mutation($input: CreateChargeInput!) { createCharge(input: $input) { id status taxablePaise taxPaise totalPaise patient { id } lines { position sacCode gstRate cosmetic } } }
`;

export const RECORD_PAYMENT = /* GraphQL */ `
  mutation($chargeId: ID!, $amountPaise: Int!) { recordPayment(chargeId: $chargeId, amountPaise: $amountPaise, method: UPI) { ${INVOICE_FIELDS} } }
`;

export const consultation = { sacCode: '999312', description: 'Cardiology consultation', quantity: 1, unitPricePaise: 80_000, gstRate: 0 };
export const cosmeticPeel = { sacCode: '999312', description: 'Chemical peel (cosmetic)', quantity: 3, unitPricePaise: 33_333, gstRate: 18, cosmetic: true };

export const recipientIn = (stateCode: string, gstin?: string) => ({ name: 'Asha Rao', address: '5 MG Road, Camp, Pune 411001', stateCode, ...(gstin ? { gstin } : {}) });

/** Opens a charge as the given user; fails the test on any error. */
export async function createCharge(stack: TestStack, email: string, input: Record<string, unknown>, headers: Record<string, string> = {}) {
  const { body } = await graphql(stack.gateway.url, CREATE_CHARGE, { input }, { ...devToken(email), ...headers });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.createCharge as { id: string; totalPaise: number; taxPaise: number; taxablePaise: number };
}

/** Pays a charge in full as the given user; returns the raw reply. */
export function payCharge(stack: TestStack, email: string, chargeId: string, amountPaise: number, headers: Record<string, string> = {}) {
  return graphql(stack.gateway.url, RECORD_PAYMENT, { chargeId, amountPaise }, { ...devToken(email), ...headers });
}

/** Opens and pays a charge; returns the issued invoice. */
export async function issueInvoice(stack: TestStack, email: string, input: Record<string, unknown>) {
  const charge = await createCharge(stack, email, input);
  const { body } = await payCharge(stack, email, charge.id, charge.totalPaise);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.recordPayment;
}
