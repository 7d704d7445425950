import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, graphqlError, notFound } from '../../kit/errors';
import { isUuid, uuidv7 } from '../../kit/ids';
import type { MutationResolvers } from '../__generated__/resolvers';
import { ObservationSchema, PatientSchema, type Patient } from '../entities';
import type { Loaders } from '../loaders';
import { validObservation } from '../observationRules';
import {
  validAbhaAddress, validAbhaNumber, validAddress, validDateOfBirth, validEmail, validPatientName, validPhone, validStateCode,
} from '../validation';

/** Each patient field's validation, by input field name; every one names its field in BAD_USER_INPUT. */
const VALIDATE = {
  dateOfBirth: (value: string | null | undefined) => validDateOfBirth(value),
  phone: validPhone,
  email: validEmail,
  abhaNumber: validAbhaNumber,
  abhaAddress: validAbhaAddress,
  address: validAddress,
  stateCode: validStateCode,
} as const;
type OptionalField = keyof typeof VALIDATE;

/** The optional fields present in `input` (null included, which clears), validated; absent ones are left out. */
function validOptionalFields(input: Partial<Record<OptionalField, string | null>>): Partial<Record<OptionalField, string | null>> {
  const valid: Partial<Record<OptionalField, string | null>> = {};
  for (const field of Object.keys(VALIDATE) as OptionalField[]) {
    if (field in input) valid[field] = VALIDATE[field](input[field]);
  }
  return valid;
}

const abhaNumberTaken = () => graphqlError('CONFLICT', 'another patient of this clinic has this ABHA number', { field: 'abhaNumber' });

/**
 * Refuses an ABHA number another patient of the clinic already has. Asked before
 * anything is changed; the unique index still decides under concurrency.
 */
async function ensureAbhaNumberFree(em: EntityManager, sealed: Loaders['sealed'], tenantId: string, abhaNumber: string | null | undefined, patientId: string): Promise<void> {
  if (!abhaNumber) return;
  const holder = await em.findOne(PatientSchema, { abhaNumberHash: sealed.lookupHash('abhaNumber', tenantId, abhaNumber), id: { $ne: patientId } });
  if (holder) throw abhaNumberTaken();
}

/** Writes the validated fields on the patient, sealing the phone and ABHA number. */
function applyFields(sealed: Loaders['sealed'], patient: Patient, fields: Partial<Record<OptionalField, string | null>>): void {
  const { phone, abhaNumber, ...plain } = fields;
  if (phone !== undefined) sealed.assign(patient, 'phone', phone);
  if (abhaNumber !== undefined) sealed.assign(patient, 'abhaNumber', abhaNumber);
  Object.assign(patient, plain);
}

/** Flushes, reporting a lost race for an ABHA number as CONFLICT. */
async function flushPatient(em: EntityManager): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw abhaNumberTaken();
    throw error;
  }
}

export const Mutation: MutationResolvers = {
  async createPatient(_parent, { input }, { caller, em, loaders }) {
    const name = validPatientName(input.name);
    const fields = validOptionalFields(input);
    const id = uuidv7();
    await ensureAbhaNumberFree(em, loaders.sealed, caller.tenantId!, fields.abhaNumber, id);
    // The tenant is the caller's, never an argument. The id is chosen first: sealed values are bound to it.
    const patient = em.create(PatientSchema, {
      id, tenantId: caller.tenantId!, name, sex: input.sex ?? 'UNDISCLOSED', dateOfBirth: null,
      phoneEncrypted: null, phoneHash: null, email: null, abhaNumberEncrypted: null, abhaNumberHash: null, abhaAddress: null, address: null, stateCode: null,
    });
    applyFields(loaders.sealed, patient, fields);
    // The audit trail owns the transaction; flushing here only sends the rows.
    await flushPatient(em);
    return patient;
  },

  async updatePatient(_parent, { id, input }, { em, loaders }) {
    if ('name' in input && input.name == null) throw badUserInput('name cannot be removed', 'name');
    if ('sex' in input && input.sex == null) throw badUserInput('sex cannot be removed; use UNDISCLOSED', 'sex');
    const name = input.name == null ? undefined : validPatientName(input.name);
    const fields = validOptionalFields(input);
    const patient = isUuid(id) ? await loaders.patientById.load(id) : null;
    if (!patient) throw notFound('Patient', id);
    await ensureAbhaNumberFree(em, loaders.sealed, patient.tenantId, fields.abhaNumber, patient.id);
    if (name !== undefined) patient.name = name;
    if (input.sex) patient.sex = input.sex;
    applyFields(loaders.sealed, patient, fields);
    await flushPatient(em);
    return patient;
  },

  async recordObservation(_parent, { input }, { caller, em, loaders }) {
    // The Decimal scalar parses to a string (scalars.ts); codegen knows it only as a scalar.
    const observation = validObservation({ ...input, value: input.value as string, diastolic: input.diastolic as string | null | undefined });
    const patient = isUuid(input.patientId) ? await loaders.patientById.load(input.patientId) : null;
    if (!patient) throw notFound('Patient', input.patientId);
    const row = em.create(ObservationSchema, { tenantId: caller.tenantId!, patientId: patient.id, ...observation });
    await em.flush();
    return row;
  },
};
