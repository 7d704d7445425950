export * from './AuditEvent';
import { AuditEventSchema } from './AuditEvent';

export const entities = [AuditEventSchema];
