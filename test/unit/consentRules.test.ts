import type { GraphQLError } from 'graphql';
import type { CallerAssertion } from '../../subgraphs/kit/callerAssertion';
import { CONSENT_PURPOSES, CONSENT_PURPOSE_TEXT, effectiveConsentStatus, isConsentActiveAt, type ConsentTiming } from '../../subgraphs/kit/consent';
import { changeInstant, decidingActor, nextConsentStatus } from '../../subgraphs/consent/transitions';
import { validConsentRequest, validReason } from '../../subgraphs/consent/validation';

const NOW = new Date('2026-12-04T10:00:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const HOUR = 3_600_000;

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  return null;
};

describe('effectiveConsentStatus (the one expiry rule)', () => {
  it.each([
    ['GRANTED', HOUR, 'GRANTED'],
    ['GRANTED', 0, 'EXPIRED'],
    ['GRANTED', -HOUR, 'EXPIRED'],
    ['REQUESTED', -HOUR, 'EXPIRED'],
    ['REQUESTED', HOUR, 'REQUESTED'],
    ['REVOKED', -HOUR, 'REVOKED'],
    ['DENIED', -HOUR, 'DENIED'],
  ] as const)('%s with dataEraseAt %d ms from now reports %s', (status, offset, expected) => {
    expect(effectiveConsentStatus({ status, dataEraseAt: at(offset) }, NOW)).toBe(expected);
  });
});

describe('isConsentActiveAt', () => {
  const granted: ConsentTiming = { status: 'GRANTED', dateFrom: at(-HOUR), dateTo: at(HOUR), dataEraseAt: at(2 * HOUR), revokedAt: null };
  it('is true inside the date range, ends included, and false outside it', () => {
    expect(isConsentActiveAt(granted, NOW)).toBe(true);
    expect(isConsentActiveAt(granted, at(-HOUR))).toBe(true);
    expect(isConsentActiveAt(granted, at(HOUR))).toBe(true);
    expect(isConsentActiveAt(granted, at(-HOUR - 1))).toBe(false);
    expect(isConsentActiveAt(granted, at(HOUR + 1))).toBe(false);
  });
  it('is false for a consent that is not GRANTED, revoked or expired', () => {
    expect(isConsentActiveAt({ ...granted, status: 'REQUESTED' }, NOW)).toBe(false);
    expect(isConsentActiveAt({ ...granted, status: 'REVOKED', revokedAt: at(-1) }, NOW)).toBe(false);
    expect(isConsentActiveAt({ ...granted, dateTo: NOW, dataEraseAt: NOW }, NOW)).toBe(false);
  });
});

it('has ABDM text for every purpose code', () => {
  for (const code of CONSENT_PURPOSES) expect(CONSENT_PURPOSE_TEXT[code]).toMatch(/^[A-Z]/);
  expect(CONSENT_PURPOSE_TEXT.HPAYMT).toBe('Healthcare Payment');
});

describe('nextConsentStatus', () => {
  const consent = (status: 'REQUESTED' | 'GRANTED' | 'DENIED' | 'REVOKED', eraseOffset = HOUR) => ({ id: 'c1', status, dataEraseAt: at(eraseOffset) });
  it('allows only REQUESTED -> GRANTED | DENIED and GRANTED -> REVOKED', () => {
    expect(nextConsentStatus(consent('REQUESTED'), 'grant', NOW)).toBe('GRANTED');
    expect(nextConsentStatus(consent('REQUESTED'), 'deny', NOW)).toBe('DENIED');
    expect(nextConsentStatus(consent('GRANTED'), 'withdraw', NOW)).toBe('REVOKED');
  });
  it.each([
    ['REVOKED', 'grant'],
    ['DENIED', 'grant'],
    ['GRANTED', 'grant'],
    ['GRANTED', 'deny'],
    ['REQUESTED', 'withdraw'],
    ['REVOKED', 'withdraw'],
  ] as const)('refuses %s -> %s with CONFLICT', (status, decision) => {
    expect(codeOf(() => nextConsentStatus(consent(status), decision, NOW))).toMatchObject({ code: 'CONFLICT', status });
  });
  it('refuses any decision on an expired consent', () => {
    expect(codeOf(() => nextConsentStatus(consent('GRANTED', -1), 'withdraw', NOW))).toMatchObject({ code: 'CONFLICT', status: 'EXPIRED' });
    expect(codeOf(() => nextConsentStatus(consent('REQUESTED', -1), 'grant', NOW))).toMatchObject({ code: 'CONFLICT', status: 'EXPIRED' });
  });
});

describe('changeInstant', () => {
  it('is now, unless that is not after the previous change: then a millisecond after it', () => {
    expect(changeInstant({ createdAt: at(-HOUR), grantedAt: null }, NOW)).toEqual(NOW);
    expect(changeInstant({ createdAt: NOW, grantedAt: null }, NOW)).toEqual(at(1));
    expect(changeInstant({ createdAt: at(-HOUR), grantedAt: NOW }, NOW)).toEqual(at(1));
    expect(changeInstant({ createdAt: at(-HOUR), grantedAt: at(5) }, NOW)).toEqual(at(6));
  });
});

describe('decidingActor', () => {
  const caller = (roles: CallerAssertion['roles'], patientId: string | null = null): CallerAssertion => ({ userId: 'u', tenantId: 't', tenantActive: true, roles, patientId, sessionId: null, clientId: null, requestId: 'r', clientIp: null, userAgent: null });
  const consent = { id: 'c1', patientId: 'p1' };
  it('lets the patient decide their own consent without a reason', () => {
    expect(decidingActor(caller(['PATIENT'], 'p1'), consent, null)).toBe('PATIENT');
  });
  it("reports another patient's consent as NOT_FOUND", () => {
    expect(codeOf(() => decidingActor(caller(['PATIENT'], 'p2'), consent, 'because'))).toMatchObject({ code: 'NOT_FOUND' });
  });
  it('asks a clinician for a reason', () => {
    expect(codeOf(() => decidingActor(caller(['CLINICIAN']), consent, null))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(decidingActor(caller(['CLINICIAN']), consent, 'patient signed paper form')).toBe('CLINICIAN');
  });
  it('lets nobody else decide', () => {
    expect(codeOf(() => decidingActor(caller(['TENANT_ADMIN']), consent, 'reason'))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('validConsentRequest', () => {
  const input = (permission: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
    patientId: 'p1',
    purpose: 'CAREMGT' as const,
    grantee: { kind: 'CLINIC' as const },
    hiTypes: ['Prescription' as const, 'Prescription' as const],
    permission: { accessMode: 'VIEW' as const, dateRange: { from: at(-HOUR), to: at(HOUR) }, dataEraseAt: at(HOUR), frequency: { unit: 'DAY' as const, value: 1, repeats: 0 }, ...permission },
    ...rest,
  });
  it('accepts a valid request and drops duplicate hiTypes', () => {
    expect(validConsentRequest(input(), NOW)).toMatchObject({ hiTypes: ['Prescription'], granteeKind: 'CLINIC', granteeInsurerId: null, dataEraseAt: at(HOUR) });
  });
  it.each([
    ['permission.dateRange', input({ dateRange: { from: at(2 * HOUR), to: at(HOUR) } })],
    ['permission.dataEraseAt', input({ dateRange: { from: at(-2 * HOUR), to: at(-HOUR) }, dataEraseAt: NOW })],
    ['permission.dataEraseAt', input({ dataEraseAt: at(HOUR - 1) })],
    ['permission.frequency.value', input({ frequency: { unit: 'DAY', value: 0, repeats: 0 } })],
    ['permission.frequency.value', input({ frequency: { unit: 'DAY', value: 1.5, repeats: 0 } })],
    ['permission.frequency.repeats', input({ frequency: { unit: 'DAY', value: 1, repeats: 1001 } })],
    ['hiTypes', input({}, { hiTypes: [] })],
    ['grantee.insurerId', input({}, { grantee: { kind: 'INSURER', insurerName: 'X' } })],
    ['grantee.insurerName', input({}, { grantee: { kind: 'INSURER', insurerId: 'x', insurerName: ' ' } })],
  ])('names %s', (field, bad) => {
    expect(codeOf(() => validConsentRequest(bad as never, NOW))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
  it('trims a reason, treats a blank one as none and refuses an overlong one', () => {
    expect(validReason('  signed form ')).toBe('signed form');
    expect(validReason('   ')).toBeNull();
    expect(validReason(undefined)).toBeNull();
    expect(codeOf(() => validReason('x'.repeat(501)))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});
