import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { badUserInput, graphqlError, notFound } from '../kit/errors';
import { gstinProblem, isGstStateCode } from '../kit/gst';
import { uuidv7 } from '../kit/ids';
import { TenantSchema, UserSchema, type Tenant } from './entities';
import type { Context } from './loaders';
import { hashPassword, passwordProblem } from './auth/passwords';
import type { SignUpClinicInput, TenantReviewDecision } from './__generated__/resolvers';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const HFR_ID = /^IN(\d{2})\d{8}$/;
const NABH = /^[A-Z0-9/-]{4,30}$/;

function text(value: string, field: string, min: number, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) throw badUserInput(`${field} must be ${min} to ${max} characters`, field);
  return trimmed;
}

/** An email as stored: trimmed and checked for shape (delivery is not verified here). */
export function validEmail(value: string, field = 'email'): string {
  const email = value.trim();
  if (email.length > 254 || !EMAIL.test(email)) throw badUserInput('That does not look like an email address', field);
  return email;
}

/** A clinic's registration, each field checked with a reason the clinic can act on. */
export function validClinic(input: SignUpClinicInput) {
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) throw badUserInput('slug must be 3 to 40 lowercase letters, digits or hyphens, starting and ending with a letter or digit', 'slug');
  const stateCode = input.stateCode.trim();
  if (!isGstStateCode(stateCode)) throw badUserInput(`${stateCode} is not a GST State code`, 'stateCode');
  const gstin = input.gstin.trim().toUpperCase();
  const gstinIssue = gstinProblem(gstin);
  if (gstinIssue) throw badUserInput(gstinIssue, 'gstin');
  if (gstin.slice(0, 2) !== stateCode) throw badUserInput(`The GSTIN is registered in State ${gstin.slice(0, 2)}, not the clinic's State ${stateCode}`, 'gstin');
  const hfrFacilityId = input.hfrFacilityId.trim().toUpperCase();
  const hfr = HFR_ID.exec(hfrFacilityId);
  if (!hfr) throw badUserInput('hfrFacilityId is IN, the State code and 8 digits, such as IN2710000334', 'hfrFacilityId');
  if (hfr[1] !== stateCode) throw badUserInput(`The HFR facility ID is for State ${hfr[1]}, not the clinic's State ${stateCode}`, 'hfrFacilityId');
  const nabhNumber = input.nabhNumber?.trim().toUpperCase() || null;
  if (nabhNumber && !NABH.test(nabhNumber)) throw badUserInput('nabhNumber must be 4 to 30 letters, digits, / or -', 'nabhNumber');
  return {
    slug,
    name: text(input.name, 'name', 2, 200),
    address: text(input.address, 'address', 5, 500),
    stateCode,
    gstin,
    hfrFacilityId,
    nabhNumber,
  };
}

const conflictOn = (error: unknown): string | null => {
  if (!(error instanceof UniqueConstraintViolationException)) return null;
  const detail = String((error as { detail?: string }).detail ?? error.message);
  return ['slug', 'gstin', 'hfr_facility_id', 'email'].find((column) => detail.includes(column)) ?? 'registration';
};

/**
 * Registers a clinic, pending verification, with its first TENANT_ADMIN. It can
 * sign in at once; clinical writes wait for a platform admin's approval.
 */
export async function signUpClinic(ctx: Context, input: SignUpClinicInput): Promise<Tenant> {
  const clinic = validClinic(input);
  const admin = { name: text(input.admin.name, 'admin.name', 1, 200), email: validEmail(input.admin.email, 'admin.email') };
  const problem = passwordProblem(input.admin.password, { ...admin, clinicName: clinic.name });
  if (problem) throw badUserInput(problem, 'admin.password');
  const passwordHash = await hashPassword(input.admin.password);
  const tenant = ctx.em.create(TenantSchema, { id: uuidv7(), ...clinic, status: 'PENDING_VERIFICATION' });
  try {
    // Two flushes: the entities declare no relation, so the tenant must be in before its admin.
    await ctx.em.flush();
    ctx.em.create(UserSchema, { tenantId: tenant.id, ...admin, role: 'TENANT_ADMIN', patientId: null, passwordHash });
    await ctx.em.flush();
  } catch (error) {
    const column = conflictOn(error);
    if (column) throw graphqlError('CONFLICT', `A clinic with this ${column.replace(/_/g, ' ')} is already registered`, { field: column });
    throw error;
  }
  ctx.auditSubject = { tenantId: tenant.id };
  return tenant;
}

/** A platform admin approves or rejects a clinic pending verification; the decision is final here. */
export async function verifyTenant(ctx: Context, args: { id: string; decision: TenantReviewDecision; reason: string }): Promise<Tenant> {
  const reason = text(args.reason, 'reason', 1, 500);
  const tenant = await ctx.em.findOne(TenantSchema, { id: args.id }, { lockMode: 4 /* PESSIMISTIC_WRITE */ });
  if (!tenant) throw notFound('Tenant', args.id);
  if (tenant.status !== 'PENDING_VERIFICATION') throw graphqlError('CONFLICT', `This clinic is ${tenant.status}, not pending verification`);
  tenant.status = args.decision === 'APPROVE' ? 'ACTIVE' : 'REJECTED';
  tenant.reviewedAt = new Date(ctx.services.clock());
  tenant.reviewReason = reason;
  await ctx.em.flush();
  // The decision belongs in the clinic's own audit chain, made by the platform admin.
  ctx.auditSubject = { tenantId: tenant.id };
  return tenant;
}
