import { DateTime } from '../../kit/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Decimal } from '../scalars';
import { Mutation } from './Mutation';
import { Patient } from './Patient';
import { Query } from './Query';

export const resolvers: Resolvers = { DateTime, Decimal, Mutation, Patient, Query };
