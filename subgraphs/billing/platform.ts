import type { BillingPlan } from './entities';

/**
 * The platform as a GST supplier, billing clinics for their subscription. Constants,
 * not configuration: they are printed on tax invoices and change only with a
 * registration change, which deserves a reviewed commit.
 */
export const PLATFORM_SUPPLIER = {
  name: 'CardMetCare Health Technologies Private Limited',
  address: '3rd Floor, 80 Feet Road, Koramangala 4th Block, Bengaluru 560034',
  stateCode: '29',
  gstin: '29AAHCC4821K1ZF',
} as const;

/** Prefix of the platform's own invoice series (`CMC/26-27/00001`), unique platform-wide. */
export const PLATFORM_INVOICE_PREFIX = 'CMC';

/**
 * SAC of the subscription line: 998315, "hosting and information technology
 * infrastructure provisioning services" (group 99831, heading 9983). The clinic uses
 * software the platform hosts and runs; 998314 is custom design and development,
 * which this is not. Heading 9983 is taxed at 18 % (Notification 11/2017-CT(Rate)).
 */
export const SUBSCRIPTION_SAC_CODE = '998315';
export const SUBSCRIPTION_GST_RATE = 18;

/** Plans and their monthly fee before tax, in paise; activation bills the first month. */
export const PLANS: Record<BillingPlan, { label: string; monthlyFeePaise: number }> = {
  STARTER: { label: 'Starter', monthlyFeePaise: 299_900 },
  PRACTICE: { label: 'Practice', monthlyFeePaise: 799_900 },
};
