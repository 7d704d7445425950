import { DateTime } from '../../kit/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { AuditEvent } from './AuditEvent';
import { Query } from './Query';

export const resolvers: Resolvers = { AuditEvent, DateTime, Query };
