import { DateTime } from '../../kit/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Session } from './Session';
import { Tenant } from './Tenant';
import { User } from './User';

export const resolvers: Resolvers = { DateTime, Mutation, Query, Session, Tenant, User };
