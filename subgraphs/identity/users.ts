import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { badUserInput, graphqlError, notFound } from '../kit/errors';
import { isUuid } from '../kit/ids';
import { TenantSchema, UserSchema, type User } from './entities';
import type { Context } from './loaders';
import type { ClinicRole, CreateUserInput } from './__generated__/resolvers';
import { hashPassword, passwordProblem } from './auth/passwords';
import { validEmail } from './clinics';

/** A TENANT_ADMIN adds a user to their own clinic; a PATIENT user is tied to a patient record of the clinic. */
export async function createUser(ctx: Context, input: CreateUserInput): Promise<User> {
  const tenantId = ctx.caller.tenantId!;
  const email = validEmail(input.email);
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) throw badUserInput('name must be 1 to 200 characters', 'name');
  const patientId = input.patientId ?? null;
  if ((input.role === 'PATIENT') !== (patientId !== null)) throw badUserInput('A PATIENT user needs a patientId, and only a PATIENT user has one', 'patientId');
  if (patientId !== null && !isUuid(patientId)) throw badUserInput('patientId is not an id', 'patientId');
  const tenant = await ctx.em.findOneOrFail(TenantSchema, { id: tenantId });
  const problem = passwordProblem(input.password, { email, name, clinicName: tenant.name });
  if (problem) throw badUserInput(problem, 'password');
  const user = ctx.em.create(UserSchema, { tenantId, email, name, role: input.role, patientId, passwordHash: await hashPassword(input.password) });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw graphqlError('CONFLICT', 'A user with this email already exists in the clinic', { field: 'email' });
    // The (tenant_id, patient_id) foreign key: another clinic's patient is as absent as a missing one.
    if (String((error as Error).message).includes('foreign key')) throw notFound('Patient', patientId!);
    throw error;
  }
  return user;
}

/** Moves a clinic user between CLINICIAN and TENANT_ADMIN; their sessions end so the new role applies at once. */
export async function changeUserRole(ctx: Context, args: { userId: string; role: ClinicRole }): Promise<User> {
  if (!isUuid(args.userId)) throw notFound('User', args.userId);
  if (args.role === 'PATIENT') throw badUserInput('A clinic user cannot become a PATIENT; create a patient user instead', 'role');
  if (args.userId === ctx.caller.userId) throw graphqlError('CONFLICT', 'You cannot change your own role; ask another admin of the clinic');
  const user = await ctx.em.findOne(UserSchema, { id: args.userId });
  if (!user) throw notFound('User', args.userId);
  if (user.role === 'PATIENT') throw graphqlError('CONFLICT', 'A patient user keeps the PATIENT role');
  user.role = args.role;
  await ctx.em.flush();
  await ctx.services.sessions.endAllOf(user.id);
  return user;
}
