import { randomUUID } from 'node:crypto';
import { PLATFORM_SUPPLIER } from '../../subgraphs/billing/platform';
import { gstinProblem } from '../../subgraphs/kit/gst';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';
import { INVOICE_FIELDS } from './billingFixtures';

const ACTIVATE = /* GraphQL */ `mutation($plan: BillingPlan!) { activateBilling(plan: $plan) { id plan monthlyFeePaise invoice { ${INVOICE_FIELDS} } } }`;

/** The platform bills the clinic for its subscription: an 18 % SaaS line. */
describe('billing: subscription activation', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('has a valid GSTIN of its own State for the platform', () => {
    expect(gstinProblem(PLATFORM_SUPPLIER.gstin)).toBeNull();
    expect(PLATFORM_SUPPLIER.gstin.slice(0, 2)).toBe(PLATFORM_SUPPLIER.stateCode);
  });

  it('bills a clinic in another State 18 % IGST, in the platform series, audited as billing', async () => {
    const clinic = await seedTestClinic(stack, 1, '27');
    const requestId = `activate-${randomUUID()}`;
    const { body } = await graphql(stack.gateway.url, ACTIVATE, { plan: 'STARTER' }, { ...devToken(clinic.users.TENANT_ADMIN), 'x-request-id': requestId });
    expect(body.errors).toBeUndefined();
    const { invoice } = body.data.activateBilling;
    const [tenant] = await sql(stack, 'select name, address, gstin from identity.tenant where id = ?', [clinic.tenantId]);
    expect(invoice).toMatchObject({
      supplierKind: 'PLATFORM',
      patient: null,
      supplier: { name: PLATFORM_SUPPLIER.name, gstin: PLATFORM_SUPPLIER.gstin, stateCode: '29', stateName: 'Karnataka' },
      recipient: { name: tenant.name, address: tenant.address, gstin: tenant.gstin, stateCode: '27' },
      placeOfSupply: { stateCode: '27', stateName: 'Maharashtra' },
      taxKind: 'IGST',
      reverseCharge: false,
      taxablePaise: 299_900,
      igstPaise: 53_982,
      cgstPaise: 0,
      sgstPaise: 0,
      totalPaise: 353_882,
    });
    expect(invoice.number).toMatch(/^CMC\/\d{2}-\d{2}\/\d{5}$/);
    expect(invoice.lines).toEqual([expect.objectContaining({ sacCode: '998315', gstRate: 18, exempt: false, quantity: 1 })]);
    const events = await sql(stack, 'select action, class from audit.audit_event where request_id = ? order by seq', [requestId]);
    expect(events).toEqual([{ action: 'invoice.issue', class: 'billing' }, { action: 'billing.activate', class: 'billing' }]);
  });

  it('bills a clinic in the same State CGST + SGST, numbering platform invoices across clinics', async () => {
    const first = await seedTestClinic(stack, 1, '29');
    const second = await seedTestClinic(stack, 1, '33');
    const a = await graphql(stack.gateway.url, ACTIVATE, { plan: 'PRACTICE' }, devToken(first.users.TENANT_ADMIN));
    const b = await graphql(stack.gateway.url, ACTIVATE, { plan: 'PRACTICE' }, devToken(second.users.TENANT_ADMIN));
    expect(a.body.data.activateBilling.invoice).toMatchObject({ taxKind: 'CGST_SGST', taxablePaise: 799_900, cgstPaise: 71_991, sgstPaise: 71_991, igstPaise: 0 });
    expect(b.body.data.activateBilling.invoice).toMatchObject({ taxKind: 'IGST', igstPaise: 143_982 });
    const serial = (n: string) => Number(n.slice(-5));
    expect(serial(b.body.data.activateBilling.invoice.number)).toBe(serial(a.body.data.activateBilling.invoice.number) + 1);
  });

  it('is for the clinic admin only, once, and its invoice is not shown to clinicians', async () => {
    const clinic = await seedTestClinic(stack, 1, '27');
    const clinician = await graphql(stack.gateway.url, ACTIVATE, { plan: 'STARTER' }, devToken(clinic.users.CLINICIAN));
    expect(clinician.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ok = await graphql(stack.gateway.url, ACTIVATE, { plan: 'STARTER' }, devToken(clinic.users.TENANT_ADMIN));
    const again = await graphql(stack.gateway.url, ACTIVATE, { plan: 'PRACTICE' }, devToken(clinic.users.TENANT_ADMIN));
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const id = ok.body.data.activateBilling.invoice.id;
    const asClinician = await graphql(stack.gateway.url, 'query($id: ID!) { invoice(id: $id) { id } }', { id }, devToken(clinic.users.CLINICIAN));
    expect(asClinician.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const asAdmin = await graphql(stack.gateway.url, 'query($id: ID!) { invoice(id: $id) { id } }', { id }, devToken(clinic.users.TENANT_ADMIN));
    expect(asAdmin.body.data.invoice.id).toBe(id);
  });
});
