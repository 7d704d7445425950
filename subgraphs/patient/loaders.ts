import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../kit/context';
import { afterPreviousLoad, entityByIdLoader } from '../kit/loaders';
import { TENANT_FILTER } from '../kit/orm';
import type { PatientServices } from './services';
import { PatientSchema, type Observation } from './entities';
import type { ObservationKind } from './observationRules';
import { sealedIdentifiers } from './sealedIdentifiers';

/** Which observations of a patient `Patient.observations` asks for. */
export interface ObservationQuery {
  patientId: string;
  kind: ObservationKind | null;
  from: Date | null;
  to: Date | null;
  last: number;
}

const COLUMNS = 'id, tenant_id, patient_id, kind, value, diastolic, unit, taken_at, recorded_at';
/**
 * The same columns under the Observation's property names: the driver already gives
 * numeric as a string and timestamptz as a Date, so each row is an Observation as it
 * stands. Reads are never changed, so they stay out of the unit of work: hydrating and
 * registering every row as an entity, then comparing each at commit, cost more CPU than
 * the rest of a dashboard page in this subgraph.
 */
const AS_OBSERVATION =
  'id, tenant_id as "tenantId", patient_id as "patientId", kind, value, diastolic, unit, taken_at as "takenAt", recorded_at as "recordedAt"';

/**
 * Raw SQL is not seen by the ORM's tenant filter, so these statements name the
 * tenant themselves, taken from the same filter parameters the request's fork has.
 */
const tenantOf = (em: EntityManager): string => (em.getFilterParams(TENANT_FILTER) as { tenantId: string }).tenantId;

/**
 * Observations of many patients in one statement per distinct filter (a page of
 * patients asks with one filter): the newest `last` of each patient, by a window
 * over (patient, taken_at desc) on the (tenant_id, patient_id, kind, taken_at) index.
 */
function observationsLoader(em: EntityManager) {
  return new DataLoader<ObservationQuery, Observation[], string>(
    async (queries) => {
      const byFilter = new Map<string, ObservationQuery[]>();
      for (const query of queries) {
        const filter = JSON.stringify([query.kind, query.from, query.to, query.last]);
        const group = byFilter.get(filter);
        if (group) group.push(query);
        else byFilter.set(filter, [query]);
      }
      const found = new Map<string, Observation[]>();
      for (const [filter, group] of byFilter) {
        const { kind, from, to, last } = group[0]!;
        const conditions = ['tenant_id = ?', 'patient_id in (?)'];
        const params: unknown[] = [tenantOf(em), group.map((q) => q.patientId)];
        if (kind) conditions.push('kind = ?'), params.push(kind);
        if (from) conditions.push('taken_at >= ?'), params.push(from);
        if (to) conditions.push('taken_at < ?'), params.push(to);
        const rows = await afterPreviousLoad(em, () =>
          em.execute<Observation[]>(
            `select ${AS_OBSERVATION} from (
               select ${COLUMNS}, row_number() over (partition by patient_id order by taken_at desc, id desc) as newest
               from patient.observation where ${conditions.join(' and ')}
             ) ranked where newest <= ? order by patient_id, taken_at desc, id desc`,
            [...params, last],
          ),
        );
        for (const observation of rows) {
          const key = `${filter}|${observation.patientId}`;
          const list = found.get(key);
          if (list) list.push(observation);
          else found.set(key, [observation]);
        }
      }
      return queries.map((q) => found.get(`${JSON.stringify([q.kind, q.from, q.to, q.last])}|${q.patientId}`) ?? []);
    },
    { cacheKeyFn: (q) => JSON.stringify([q.patientId, q.kind, q.from, q.to, q.last]) },
  );
}

/** The latest observation of each kind for many patients in one `distinct on (patient_id, kind)` statement. */
function latestObservationsLoader(em: EntityManager) {
  return new DataLoader<string, Observation[]>(async (patientIds) => {
    const rows = await afterPreviousLoad(em, () =>
      em.execute<Observation[]>(
        `select distinct on (patient_id, kind) ${AS_OBSERVATION} from patient.observation
         where tenant_id = ? and patient_id in (?)
         order by patient_id, kind, taken_at desc, id desc`,
        [tenantOf(em), [...patientIds]],
      ),
    );
    const byPatient = new Map<string, Observation[]>(patientIds.map((id) => [id, []]));
    for (const observation of rows) {
      byPatient.get(observation.patientId)?.push(observation);
    }
    return patientIds.map((id) => byPatient.get(id) ?? []);
  });
}

/** The request's loaders, and the sealed-identifier helper built on the process's field encryption. */
export function createLoaders(em: EntityManager, services: PatientServices) {
  return {
    patientById: entityByIdLoader(em, PatientSchema),
    observations: observationsLoader(em),
    latestObservations: latestObservationsLoader(em),
    sealed: sealedIdentifiers(services.fieldEncryption),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders, PatientServices>;
