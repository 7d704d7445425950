import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { isRole, type Role } from './roles';
import { unauthenticatedRequest } from './errors';

/** The header that carries the caller assertion from the gateway to a subgraph. */
export const CALLER_ASSERTION_HEADER = 'cmc-caller-assertion';
const ISSUER = 'cmc-gateway';
const ALGORITHM = 'HS256';
const MAX_LIFETIME_SECONDS = 60;

/** Who is calling, as vouched for by the gateway. Tenant and actor come from here, never from arguments. */
export interface Caller {
  /** The user id, or null for an anonymous caller. */
  userId: string | null;
  /** The caller's tenant, or null (anonymous caller, platform admin). */
  tenantId: string | null;
  /** Whether that tenant is verified (ACTIVE); a clinic pending verification may sign in but not write clinical data. */
  tenantActive: boolean;
  roles: Role[];
  /** The patient record a PATIENT caller is the data principal of. */
  patientId: string | null;
  sessionId: string | null;
  /** The machine client (insurer) id, if any. */
  clientId: string | null;
}

export interface CallerAssertion extends Caller {
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
}

/** Signs a short-lived assertion for one subgraph (audience = subgraph name). */
export async function signCallerAssertion(
  key: Uint8Array,
  audience: string,
  assertion: CallerAssertion,
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT({
    tid: assertion.tenantId,
    tact: assertion.tenantActive,
    roles: assertion.roles,
    pid: assertion.patientId,
    sid: assertion.sessionId,
    cid: assertion.clientId,
    rid: assertion.requestId,
    ip: assertion.clientIp,
    ua: assertion.userAgent,
  })
    .setProtectedHeader({ alg: ALGORITHM })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(assertion.userId ?? 'anonymous')
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

const nullableString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Verifies an assertion for this subgraph. Any defect (missing, expired, wrong key,
 * wrong audience, malformed claims) is reported as UNAUTHENTICATED with HTTP 401.
 */
export async function verifyCallerAssertion(key: Uint8Array, audience: string, token: string | undefined): Promise<CallerAssertion> {
  if (!token) throw unauthenticatedRequest('Missing caller assertion');
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience,
      maxTokenAge: MAX_LIFETIME_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    // An assertion is short-lived by construction: refuse one minted for longer than a minute.
    if (payload.exp! - payload.iat! > MAX_LIFETIME_SECONDS) throw unauthenticatedRequest('Caller assertion lifetime too long');
    const roles = payload.roles;
    if (!Array.isArray(roles) || !roles.every(isRole) || typeof payload.rid !== 'string') {
      throw unauthenticatedRequest('Malformed caller assertion');
    }
    return {
      userId: payload.sub === 'anonymous' ? null : (payload.sub ?? null),
      tenantId: nullableString(payload.tid),
      tenantActive: payload.tact === true,
      roles,
      patientId: nullableString(payload.pid),
      sessionId: nullableString(payload.sid),
      clientId: nullableString(payload.cid),
      requestId: payload.rid,
      clientIp: nullableString(payload.ip),
      userAgent: nullableString(payload.ua),
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticatedRequest('Caller assertion expired');
    if (error instanceof joseErrors.JOSEError) throw unauthenticatedRequest('Invalid caller assertion');
    throw error;
  }
}
