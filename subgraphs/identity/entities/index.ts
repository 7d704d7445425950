export * from './Tenant';
export * from './User';
import { TenantSchema } from './Tenant';
import { UserSchema } from './User';

export const entities = [TenantSchema, UserSchema];
