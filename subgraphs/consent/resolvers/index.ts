import { DateTime } from '../../kit/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Consent } from './Consent';
import { Patient } from './Patient';
import { Query } from './Query';

export const resolvers: Resolvers = { Consent, DateTime, Patient, Query };
