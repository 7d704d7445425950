import { DateTime } from '../../kit/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Query } from './Query';
import { Tenant } from './Tenant';
import { User } from './User';

export const resolvers: Resolvers = { DateTime, Query, Tenant, User };
