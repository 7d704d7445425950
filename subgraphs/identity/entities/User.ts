import { EntitySchema, type Opt } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';
import type { Role } from '../../kit/roles';

/** A person who signs in. Platform admins belong to no tenant (tenant_id null). */
export interface User {
  id: string;
  tenantId: string | null;
  email: string;
  name: string;
  role: Role;
  /** For a PATIENT: the patient record they are the data principal of. */
  patientId: string | null;
  /** Argon2id PHC string; null for a user who cannot sign in with a password yet. */
  passwordHash: Opt<string | null>;
  passwordChangedAt: Opt<Date | null>;
  createdAt: Opt<Date>;
}

export const UserSchema = new EntitySchema<User>({
  name: 'User',
  tableName: 'user',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid', nullable: true },
    email: { type: 'text' },
    name: { type: 'text' },
    role: { type: 'text' },
    patientId: { type: 'uuid', nullable: true },
    passwordHash: { type: 'text', nullable: true, hidden: true, lazy: false },
    passwordChangedAt: { type: 'Date', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
  },
  // Users are scoped like clinical rows; platform-wide lookups turn the filter off by name.
  filters: tenantFilter,
});
