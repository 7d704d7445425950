import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { graphqlError } from '../kit/errors';
import { SubscriptionSchema, type BillingPlan, type Invoice, type Subscription } from './entities';
import { issueTaxInvoice, type Clock } from './invoices';
import { nextPlatformSerial } from './numbering';
import { PLANS, PLATFORM_INVOICE_PREFIX, PLATFORM_SUPPLIER, SUBSCRIPTION_GST_RATE, SUBSCRIPTION_SAC_CODE } from './platform';
import { readClinicProfile } from './supplier';

const alreadyActive = () => graphqlError('CONFLICT', 'Billing is already active for this clinic');

/**
 * Turns on the clinic's subscription and bills its first month: the platform is the
 * supplier, the clinic (with its GSTIN) the recipient, one SaaS line taxed at 18 %.
 */
export async function activateSubscription(em: EntityManager, tenantId: string, plan: BillingPlan, now: Clock = () => new Date()): Promise<{ subscription: Subscription; invoice: Invoice }> {
  if ((await em.count(SubscriptionSchema, {})) > 0) throw alreadyActive();
  const { label, monthlyFeePaise } = PLANS[plan];
  const clinic = await readClinicProfile(em, tenantId);
  const issuedAt = now();
  const subscription = em.create(SubscriptionSchema, { tenantId, plan, status: 'ACTIVE', monthlyFeePaise, activatedAt: issuedAt });
  try {
    await em.flush();
  } catch (error) {
    // Two activations at once: the second meets the unique (tenant_id) constraint.
    if (error instanceof UniqueConstraintViolationException) throw alreadyActive();
    throw error;
  }
  const invoice = await issueTaxInvoice(em, {
    tenantId,
    supplierKind: 'PLATFORM',
    supplier: PLATFORM_SUPPLIER,
    recipient: { name: clinic.name, address: clinic.address, stateCode: clinic.stateCode, gstin: clinic.gstin },
    prefix: PLATFORM_INVOICE_PREFIX,
    nextSerial: (fy) => nextPlatformSerial(em, fy),
    lines: [{ sacCode: SUBSCRIPTION_SAC_CODE, description: `CardMetCare ${label} plan, first month`, quantity: 1, unitPricePaise: monthlyFeePaise, gstRate: SUBSCRIPTION_GST_RATE, cosmetic: false }],
    byClinicalEstablishment: false,
    source: { patientId: null, chargeId: null, paymentId: null, subscriptionId: subscription.id },
    issuedAt,
  });
  return { subscription, invoice };
}
