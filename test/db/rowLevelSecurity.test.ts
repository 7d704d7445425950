import { randomUUID } from 'node:crypto';
import type { Knex } from '@mikro-orm/knex';
import { PatientSchema } from '../../subgraphs/patient/entities';
import { assertServiceLogin, provisionServiceLogin, serviceDatabaseUrl } from '../../subgraphs/kit/database';
import { identitySubgraph } from '../../subgraphs/identity';
import { createOrm, scopedEntityManager, TENANT_FILTER } from '../../subgraphs/kit/orm';
import { enterPlatformView } from '../../subgraphs/kit/tenantScope';
import { devToken, graphql, seedTestClinic, sql, startTestStack, type TestStack } from '../support/stack';

/**
 * Isolation layer 3 on its own: with the ORM's tenant filter out of the way, the
 * database still hands a request nothing of another clinic.
 */
describe('row-level security', () => {
  let stack: TestStack;
  let clinicA: Awaited<ReturnType<typeof seedTestClinic>>;
  let clinicB: Awaited<ReturnType<typeof seedTestClinic>>;

  beforeAll(async () => {
    stack = await startTestStack();
    clinicA = await seedTestClinic(stack, 2);
    clinicB = await seedTestClinic(stack, 2);
  });
  afterAll(() => stack.close());

  /** The patient subgraph's own pool: the service login the requests run on. */
  const servicePool = () => stack.serviceOrms.patient.em.getConnection().getKnex();

  /** A transaction on that pool with no tenant set. */
  const asService = <T>(run: (trx: Knex.Transaction) => Promise<T>): Promise<T> => servicePool().transaction(run);

  it("finds nothing of another clinic through a request's entity manager with the ORM filter off", async () => {
    const em = scopedEntityManager(stack.serviceOrms.patient, clinicA.tenantId);
    await em.begin();
    try {
      const noFilter = { filters: { [TENANT_FILTER]: false } };
      const [whoami] = await em.execute(`select current_user as role, current_setting('app.tenant_id', true) as tenant`);
      expect(whoami).toEqual({ role: 'cmc_app', tenant: clinicA.tenantId });
      expect(await em.find(PatientSchema, { id: clinicB.patientIds[0]! }, noFilter)).toEqual([]);
      expect(await em.count(PatientSchema, {}, noFilter)).toBe(clinicA.patientIds.length);
      // The control case: the same query finds the clinic's own patient.
      expect(await em.find(PatientSchema, { id: clinicA.patientIds[0]! }, noFilter)).toHaveLength(1);
      expect(await em.execute('select count(*)::int as n from consent.consent where tenant_id = ?', [clinicB.tenantId])).toEqual([{ n: 0 }]);
      expect(await em.execute('select count(*)::int as n from billing.invoice where tenant_id = ?', [clinicB.tenantId])).toEqual([{ n: 0 }]);
    } finally {
      await em.rollback();
    }
  });

  it("leaves no tenant and no role behind on the pooled connections after another clinic's requests", async () => {
    for (let i = 0; i < 3; i += 1) {
      const { body } = await graphql(stack.gateway.url, 'query { patients(first: 5) { id } }', {}, devToken(clinicB.users.CLINICIAN));
      expect(body.data.patients.length).toBe(clinicB.patientIds.length);
    }
    // As many concurrent checkouts as the pool holds, so every connection the requests used is looked at.
    const sessions = await Promise.all(
      Array.from({ length: 5 }, () =>
        servicePool().transaction(async (trx) => {
          const before = (await trx.raw(`select current_user as role, coalesce(current_setting('app.tenant_id', true), '') as tenant`)).rows[0];
          const seen = (await trx.raw('select count(*)::int as n from patient.patient where tenant_id = ?', [clinicB.tenantId])).rows[0];
          return { ...before, ...seen };
        }),
      ),
    );
    for (const session of sessions) expect(session).toEqual({ role: 'cmc_service', tenant: '', n: 0 });
  });

  it('refuses to write a row for another clinic (WITH CHECK)', async () => {
    const em = scopedEntityManager(stack.serviceOrms.patient, clinicA.tenantId);
    await em.begin();
    try {
      await expect(em.execute(`insert into patient.patient (id, tenant_id, name, sex) values (?, ?, 'N', 'OTHER')`, [randomUUID(), clinicB.tenantId])).rejects.toMatchObject({
        code: '42501',
      });
    } finally {
      await em.rollback();
    }
    // Nor can a clinic's row be moved into another clinic.
    const em2 = scopedEntityManager(stack.serviceOrms.patient, clinicA.tenantId);
    await em2.begin();
    try {
      const moved = em2.execute('update patient.patient set tenant_id = ? where id = ?', [clinicB.tenantId, clinicA.patientIds[0]]);
      await expect(moved).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|23503)$/) });
    } finally {
      await em2.rollback();
    }
  });

  it('sees no rows, and no error, when the tenant setting is missing or empty', async () => {
    const counts = await asService(async (trx) => {
      const missing = (await trx.raw('select (select count(*) from patient.patient)::int as p, (select count(*) from consent.consent)::int as c, (select count(*) from billing.charge)::int as b')).rows[0];
      await trx.raw(`select set_config('app.tenant_id', '', true)`);
      const empty = (await trx.raw('select count(*)::int as p from patient.patient')).rows[0];
      return { missing, empty };
    });
    expect(counts).toEqual({ missing: { p: 0, c: 0, b: 0 }, empty: { p: 0 } });
    // The owner that seeds the data sees the rows, so the zeroes above are the policy's doing.
    expect((await sql(stack, 'select count(*)::int as n from patient.patient where tenant_id in (?, ?)', [clinicA.tenantId, clinicB.tenantId]))[0]).toEqual({ n: 4 });
  });

  it('has RLS enabled, forced and a tenant policy on every clinical table, and an application role that cannot bypass it', async () => {
    const tables = await sql<{ table: string; enabled: boolean; forced: boolean; policies: number }>(
      stack,
      `select n.nspname || '.' || c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
              (select count(*)::int from pg_policy p where p.polrelid = c.oid and p.polcmd = '*'
                  and pg_get_expr(p.polqual, p.polrelid) like '%app.tenant_id%' and pg_get_expr(p.polwithcheck, p.polrelid) like '%app.tenant_id%') as policies
         from information_schema.columns col
         join pg_namespace n on n.nspname = col.table_schema
         join pg_class c on c.relnamespace = n.oid and c.relname = col.table_name and c.relkind = 'r'
        where col.column_name = 'tenant_id' and col.table_schema in ('patient', 'consent', 'billing')`,
    );
    expect(tables.length).toBe(13);
    for (const table of tables) expect(table).toMatchObject({ enabled: true, forced: true, policies: 1 });
    const [role] = await sql(stack, `select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'cmc_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
    const owned = await sql(stack, `select c.relname from pg_class c join pg_roles r on r.oid = c.relowner where r.rolname = 'cmc_app'`);
    expect(owned).toEqual([]);
  });

  it('runs the services as a login role that owns nothing, cannot bypass RLS and sees no clinical row outside a request', async () => {
    const [login] = (await servicePool().raw(`select session_user as login, current_user as role`)).rows;
    expect(login).toEqual({ login: 'cmc_service', role: 'cmc_service' });
    const [facts] = await sql(
      stack,
      `select r.rolsuper, r.rolbypassrls, r.rolcanlogin, pg_has_role(r.oid, 'cmc_app', 'member') as application,
              (select count(*)::int from pg_class where relowner = r.oid) + (select count(*)::int from pg_namespace where nspowner = r.oid)
                + (select count(*)::int from pg_proc where proowner = r.oid) as owns
         from pg_roles r where r.rolname = 'cmc_service'`,
    );
    expect(facts).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: true, application: true, owns: 0 });
    // Not in a request's transaction (as the sign-in lockout counter runs): still nothing of any clinic.
    const [outside] = (await servicePool().raw('select (select count(*) from patient.patient)::int as p, (select count(*) from billing.invoice)::int as i')).rows;
    expect(outside).toEqual({ p: 0, i: 0 });
    // The gateway's own pool is the service login too.
    const [gateway] = await stack.serviceOrms.identity.em.getConnection().execute('select session_user as login');
    expect(gateway).toEqual({ login: 'cmc_service' });
  });

  it('grants the application role every table of the services\' schemas but the private ones', async () => {
    // Private on purpose: the migration history, and the audit events waiting to be chained at commit
    // (written only through audit.append_event, a security definer function).
    const missing = await sql(
      stack,
      `select n.nspname || '.' || c.relname as table
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname in ('identity', 'patient', 'consent', 'billing', 'audit')
          and c.relname <> 'mikro_orm_migrations' and (n.nspname, c.relname) <> ('audit', 'pending_event')
          and not has_table_privilege('cmc_app', c.oid, 'select')`,
    );
    expect(missing).toEqual([]);
  });

  it('says what to do when the owner may not create the services\' login', async () => {
    const suffix = randomUUID().slice(0, 8);
    const owner = `cmc_test_owner_${suffix}`;
    await sql(stack, `create role ${owner} login password 'owner-test-password'`);
    try {
      const ownerUrl = new URL(stack.database.url);
      ownerUrl.username = owner;
      ownerUrl.password = 'owner-test-password';
      const orm = await createOrm({ clientUrl: ownerUrl.toString(), schema: 'identity', entities: identitySubgraph.entities, migrations: [] });
      try {
        const serviceUrl = new URL(stack.database.url);
        serviceUrl.username = `cmc_test_service_${suffix}`;
        await expect(provisionServiceLogin(orm, serviceUrl.toString())).rejects.toThrow(
          new RegExp(`could not set up the services' database login cmc_test_service_${suffix} as the owner .*CREATEROLE`),
        );
      } finally {
        await orm.close();
      }
    } finally {
      await sql(stack, `drop role ${owner}`);
    }
  });

  it('refuses to start the services on a login that would pass row-level security', async () => {
    // DATABASE_URL's user is the owner (a superuser on test servers).
    await expect(assertServiceLogin(stack.database.url)).rejects.toThrow(/is a superuser.*cmc_app|has BYPASSRLS|is not a member of cmc_app/);
    await expect(assertServiceLogin(serviceDatabaseUrl({ databaseUrl: stack.database.url }))).resolves.toBeUndefined();
  });

  it("keeps each clinic's audit events to itself, and opens them across clinics only to the platform role taken by name", async () => {
    for (const clinic of [clinicA, clinicB]) await graphql(stack.gateway.url, 'query { patients(first: 1) { id } }', {}, devToken(clinic.users.CLINICIAN));
    const count = (em: { execute: (q: string, p: unknown[]) => Promise<unknown[]> }, tenantId: string) =>
      em.execute('select count(*)::int as n from audit.audit_event where tenant_id = ?', [tenantId]).then((rows) => (rows[0] as { n: number }).n);
    // The owner sees both clinics' events: the zeroes below are the policy's doing.
    for (const clinic of [clinicA, clinicB]) expect((await sql(stack, 'select count(*)::int as n from audit.audit_event where tenant_id = ?', [clinic.tenantId]))[0].n).toBeGreaterThan(0);

    const em = scopedEntityManager(stack.serviceOrms.audit, clinicA.tenantId);
    await em.begin();
    try {
      expect(await count(em, clinicA.tenantId)).toBeGreaterThan(0);
      expect(await count(em, clinicB.tenantId)).toBe(0);
      // Events arrive only through audit.append_event, never by a direct insert.
      await expect(
        em.execute(`insert into audit.audit_event (id, tenant_id, action, outcome, request_id, occurred_at, chain, seq, class, retain_until)
                    values (gen_random_uuid(), ?, 'x.y', 'SUCCESS', 'r', now(), ?, 0, 'access', current_date)`, [clinicA.tenantId, clinicA.tenantId]),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      await em.rollback();
    }

    const platform = scopedEntityManager(stack.serviceOrms.audit, null);
    await platform.begin();
    try {
      expect(await count(platform, clinicB.tenantId)).toBe(0);
      await enterPlatformView(platform);
      expect(await count(platform, clinicA.tenantId)).toBeGreaterThan(0);
      expect(await count(platform, clinicB.tenantId)).toBeGreaterThan(0);
    } finally {
      await platform.rollback();
    }
    // The login's membership of the platform role reads nothing until a transaction takes it.
    expect((await servicePool().raw('select count(*)::int as n from audit.audit_event')).rows[0]).toEqual({ n: 0 });
  });
});
