import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { subgraphDefinitions } from '../../subgraphs';
import { demoClinic, seedTenant } from '../../subgraphs/identity/demo';
import { closeAll, openSubgraphOrms, type SubgraphOrms } from '../../subgraphs/kit/database';
import { migrateSchema } from '../../subgraphs/kit/orm';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** The artefact migration on a database that already holds consents of the first shape. */
describe('consent artefact migration over earlier rows', () => {
  let database: TestDatabase;
  let orms: SubgraphOrms;
  let consent: MikroORM;
  const ids = { clinic: randomUUID(), insurer: randomUUID(), revoked: randomUUID(), expired: randomUUID(), denied: randomUUID() };
  const run = (query: string, params: unknown[] = []) => consent.em.getConnection().execute(query, params) as Promise<any[]>;

  beforeAll(async () => {
    database = await createTestDatabase();
    orms = await openSubgraphOrms(subgraphDefinitions, database.url, 2);
    await migrateSchema(orms.identity, 'identity');
    await migrateSchema(orms.patient, 'patient');
    consent = orms.consent;
    await run('create schema if not exists consent');
    await consent.getMigrator().up({ to: 'Migration20261204000000Init' });

    const clinic = demoClinic(`clinic-${randomUUID().slice(0, 8)}`, 'Old Clinic', '27');
    const tenantId = await seedTenant(orms.identity.em.fork(), clinic);
    const patientId = randomUUID();
    await run(`insert into patient.patient (id, tenant_id, name, sex) values (?, ?, 'Old Patient', 'OTHER')`, [patientId, tenantId]);
    const insert = (id: string, purpose: string, grantee: string, status: string) =>
      run('insert into consent.consent (id, tenant_id, patient_id, purpose, grantee, status) values (?, ?, ?, ?, ?, ?)', [id, tenantId, patientId, purpose, grantee, status]);
    await insert(ids.clinic, 'CAREMGT', 'Old Clinic', 'GRANTED');
    await insert(ids.insurer, 'HPAYMT', 'Star Health Insurance', 'GRANTED');
    await insert(ids.revoked, 'DSRCH', 'Old Clinic', 'REVOKED');
    await insert(ids.expired, 'CAREMGT', 'Old Clinic', 'EXPIRED');
    await insert(ids.denied, 'PATRQT', 'Old Clinic', 'DENIED');

    await migrateSchema(consent, 'consent');
  });
  afterAll(async () => {
    await closeAll(orms);
    await database.drop();
  });

  it('tells the clinic grantee from an insurer named by the earlier free text', async () => {
    const rows = await run('select id, grantee_kind, grantee_insurer_id from consent.consent where id in (?, ?)', [ids.clinic, ids.insurer]);
    expect(rows).toEqual(expect.arrayContaining([
      { id: ids.clinic, grantee_kind: 'CLINIC', grantee_insurer_id: null },
      { id: ids.insurer, grantee_kind: 'INSURER', grantee_insurer_id: 'star-health-insurance' },
    ]));
  });

  it('leaves earlier consents covering nothing and lapsed, so they authorise no processing', async () => {
    const rows = await run('select hi_types, data_erase_at <= now() as lapsed from consent.consent');
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toEqual({ hi_types: [], lapsed: true });
  });

  it('stores no EXPIRED status and rebuilds each history from the status', async () => {
    const statuses = await run('select id, status, granted_at is not null as granted, revoked_at is not null as revoked from consent.consent');
    expect(statuses).toEqual(expect.arrayContaining([
      { id: ids.expired, status: 'GRANTED', granted: true, revoked: false },
      { id: ids.revoked, status: 'REVOKED', granted: true, revoked: true },
    ]));
    const history = await run(`select consent_id, array_agg(status order by at, id) as path from consent.consent_status_change group by consent_id`);
    expect(history).toEqual(expect.arrayContaining([
      { consent_id: ids.clinic, path: ['REQUESTED', 'GRANTED'] },
      { consent_id: ids.revoked, path: ['REQUESTED', 'GRANTED', 'REVOKED'] },
      { consent_id: ids.denied, path: ['REQUESTED', 'DENIED'] },
    ]));
    expect(history).toHaveLength(5);
  });
});
