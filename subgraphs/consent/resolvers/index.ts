import { DateTime } from '../../kit/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Consent } from './Consent';
import { Mutation } from './Mutation';
import { Patient } from './Patient';
import { Query } from './Query';

export const resolvers: Resolvers = { Consent, DateTime, Mutation, Patient, Query };
