import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, getNamedType, type GraphQLResolveInfo } from 'graphql';
import { recordAuditEvent, type AuditClass, type AuditOutcome } from './audit';
import type { RequestContext } from './context';
import type { Role } from './roles';

/** How one Mutation field is recorded. */
export interface AuditedAction {
  /** A stable dotted name, such as `patient.create`. */
  action: string;
  class: AuditClass;
}

export interface AuditTrailOptions {
  /** Every Mutation field of the subgraph and how it is recorded; a field missing here fails the request. */
  mutations: Record<string, AuditedAction>;
  /** The action of the access event a read of patients' data leaves (for example `patient.read`); none if omitted. */
  readAction?: string;
  /** Off only in the benchmark's comparison run. Default: on. */
  enabled?: boolean;
}

interface FieldOutcome {
  field: string;
  targetType: string;
  targetId: string | null;
  error: unknown;
}

const DENIED_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'LOCKED', 'RATE_LIMITED']);

function errorCode(error: unknown): string {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

function targetOf(info: GraphQLResolveInfo, args: Record<string, unknown>, result: unknown) {
  const resultId = result && typeof result === 'object' && 'id' in result ? String((result as { id: unknown }).id) : null;
  const argId = ['id', 'patientId', 'invoiceId', 'consentId'].map((k) => args[k]).find((v) => typeof v === 'string') as string | undefined;
  return { targetType: getNamedType(info.returnType).name, targetId: resultId ?? argId ?? null };
}

/**
 * The audit trail of a subgraph (isolation of duty: resolvers change data, this
 * plugin records it). Every request runs in one transaction opened here (a read
 * too: the tenant scope of row-level security lives in it). For a mutation, on
 * success every Mutation field's event is written inside it before commit, so
 * there is no change without its event, and a failed event write rolls the change
 * back. A denied or failed mutation is rolled back, then its event is written in a
 * transaction of its own. A read of patients' data by anyone but the patient
 * leaves one `access` event listing the patient ids read.
 */
export function useAuditTrail(options: AuditTrailOptions): ApolloServerPlugin<RequestContext<any>> {
  // Off (the benchmark's comparison run) records nothing but keeps the request's transaction.
  const recording = options.enabled !== false;
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<RequestContext<any>>> {
      let mutation = false;
      let open = false;
      const outcomes: FieldOutcome[] = [];
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === 'mutation') {
            for (const selection of operation.selectionSet.selections) {
              if (recording && selection.kind === 'Field' && !selection.name.value.startsWith('__') && !options.mutations[selection.name.value]) {
                throw new GraphQLError(`Mutation ${selection.name.value} has no audit action`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
              }
            }
            mutation = true;
          }
          // Every operation, reads included, runs in one transaction: its start sets the
          // caller's tenant and role with LOCAL scope (kit/tenantScope.ts), which RLS reads.
          if (!contextValue.em) return; // a context without a database (the schema tests) has nothing to scope
          await contextValue.em.begin();
          open = true;
        },
        async executionDidStart() {
          // Only a mutation's root fields are recorded. A read gets no field hook at all:
          // with one, Apollo Server calls it for every field of every item of the page.
          if (!mutation) return;
          return {
            willResolveField({ info, args }) {
              if (info.parentType.name !== 'Mutation' || info.path.prev !== undefined) return;
              return (error, result) => {
                // graphql-shield reports a denial by returning the error, not throwing it.
                const failure = error ?? (result instanceof Error ? result : null);
                outcomes.push({ field: info.fieldName, ...targetOf(info, args, failure ? null : result), error: failure });
              };
            },
          };
        },
        async willSendResponse({ contextValue, response }) {
          const { em } = contextValue;
          if (!open) return;
          const subject = contextValue.auditSubject;
          const caller = subject
            ? {
                ...contextValue.caller,
                ...(subject.userId !== undefined ? { userId: subject.userId } : {}),
                ...(subject.tenantId !== undefined ? { tenantId: subject.tenantId } : {}),
                ...(subject.role !== undefined ? { roles: subject.role ? [subject.role as Role] : [] } : {}),
              }
            : contextValue.caller;
          if (subject?.targetType) for (const o of outcomes) if (!o.targetId) Object.assign(o, { targetType: subject.targetType, targetId: subject.targetId ?? null });
          if (mutation) {
            const failed = outcomes.filter((o) => o.error);
            if (failed.length === 0) {
              try {
                if (recording) for (const o of outcomes) await recordAuditEvent(em, caller, { ...options.mutations[o.field]!, targetType: o.targetType, targetId: o.targetId, outcome: 'SUCCESS' });
                await em.commit();
                return;
              } catch (error) {
                await em.rollback();
                contextValue.log.error({ err: error }, 'audit event could not be written; change rolled back');
                outcomes.forEach((o) => (o.error = new GraphQLError('audit write failed')));
                if (response.body.kind === 'single') {
                  response.body.singleResult.data = null;
                  response.body.singleResult.errors = [new GraphQLError('The change was not saved: it could not be recorded in the audit log', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
                }
              }
            } else {
              await em.rollback();
              if (response.body.kind === 'single' && outcomes.length > failed.length) response.body.singleResult.data = null;
            }
            // After the rollback: the attempt itself is recorded, in its own transaction. The unit
            // of work is cleared first, or that transaction's flush would retry the refused writes.
            em.clear();
            if (recording) await em.transactional(async (tx) => {
              for (const o of outcomes) {
                const code = o.error ? errorCode(o.error) : 'ROLLED_BACK';
                const outcome: AuditOutcome = DENIED_CODES.has(code) ? 'DENIED' : 'FAILURE';
                await recordAuditEvent(tx, caller, { ...options.mutations[o.field]!, targetType: o.targetType, targetId: o.targetId, outcome, errorCode: code });
              }
            });
            return;
          }
          try {
            const read = contextValue.accessedPatientIds;
            const ownRecord = caller.roles.includes('PATIENT') && [...read].every((id) => id === caller.patientId);
            if (recording && options.readAction && read.size > 0 && !ownRecord) {
              await recordAuditEvent(em, caller, { action: options.readAction, class: 'access', outcome: 'SUCCESS', targetType: 'Patient', targetIds: [...read] });
            }
            await em.commit();
          } catch (error) {
            await em.rollback();
            throw error;
          }
        },
      };
    },
  };
}
