import { DateTime } from '../../kit/scalars';
import type { Resolvers } from '../__generated__/resolvers';
import { Invoice } from './Invoice';
import { Patient } from './Patient';
import { Query } from './Query';

export const resolvers: Resolvers = { DateTime, Invoice, Patient, Query };
