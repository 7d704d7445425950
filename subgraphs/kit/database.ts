import type { MikroORM } from '@mikro-orm/postgresql';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import type { Logger } from 'pino';
import { ConfigError } from './config';
import { createOrm, migrateSchema } from './orm';
import type { SubgraphName } from './subgraphs';
import type { SubgraphDefinition } from './subgraphServer';
import { APPLICATION_ROLE, PLATFORM_ROLE } from './tenantScope';

export type SubgraphOrms = Record<SubgraphName, MikroORM>;

/** The services' login role when APP_DATABASE_URL does not name one. */
export const SERVICE_LOGIN_ROLE = 'cmc_service';

/**
 * Where the services connect (isolation layer 3): APP_DATABASE_URL, or else
 * DATABASE_URL's server and database as `cmc_service` with the same password,
 * which `provisionServiceLogin` gives that role.
 */
export function serviceDatabaseUrl(config: { databaseUrl?: string; appDatabaseUrl?: string }, ownerUrl = config.databaseUrl): string {
  if (config.appDatabaseUrl) return config.appDatabaseUrl;
  if (!ownerUrl) throw new ConfigError('APP_DATABASE_URL or DATABASE_URL is required to reach the database');
  const url = new URL(ownerUrl);
  url.username = SERVICE_LOGIN_ROLE;
  return url.toString();
}

/** Opens one MikroORM instance per subgraph on the same database. */
export async function openSubgraphOrms(definitions: SubgraphDefinition<any>[], clientUrl: string, poolMax?: number): Promise<SubgraphOrms> {
  const orms = await Promise.all(
    definitions.map((d) => createOrm({ clientUrl, schema: d.name, entities: d.entities, migrations: d.migrations, poolMax })),
  );
  return Object.fromEntries(definitions.map((d, i) => [d.name, orms[i]])) as SubgraphOrms;
}

/**
 * The services' pools: one per subgraph, logged in as the service role, which is
 * checked first (`assertServiceLogin`), so a misconfigured URL fails the start
 * instead of quietly passing row-level security.
 */
export async function openServiceOrms(definitions: SubgraphDefinition<any>[], serviceUrl: string, poolMax?: number): Promise<SubgraphOrms> {
  await assertServiceLogin(serviceUrl);
  return openSubgraphOrms(definitions, serviceUrl, poolMax);
}

/** Applies every subgraph's migrations in dependency order, reporting what ran. */
export async function migrateAll(definitions: SubgraphDefinition<any>[], orms: SubgraphOrms, log?: Logger): Promise<void> {
  for (const { name } of definitions) {
    const applied = await migrateSchema(orms[name], name);
    if (applied.length > 0) log?.info({ subgraph: name, applied }, 'migrations applied');
  }
}

export async function closeAll(orms: SubgraphOrms): Promise<void> {
  await Promise.all(Object.values(orms).map((orm) => orm.close(true)));
}

interface LoginRole {
  role: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcanlogin: boolean;
  application: boolean;
  platform: boolean;
  owns: number;
}

/** What row-level security needs of the services' login, as problems in plain words. */
function loginProblems(role: string, row: LoginRole | undefined): string[] {
  if (!row) return [`role ${role} does not exist`];
  const problems: string[] = [];
  if (row.rolsuper) problems.push('is a superuser');
  if (row.rolbypassrls) problems.push('has BYPASSRLS');
  if (!row.rolcanlogin) problems.push('cannot log in');
  if (!row.application) problems.push(`is not a member of ${APPLICATION_ROLE}`);
  if (!row.platform) problems.push(`is not a member of ${PLATFORM_ROLE}`);
  if (row.owns > 0) problems.push(`owns ${row.owns} database objects`);
  return problems;
}

/** The facts `loginProblems` judges, of the role named by `who` (an SQL expression). */
const loginRoleQuery = (who: string) => `select r.rolname as role, r.rolsuper, r.rolbypassrls, r.rolcanlogin,
    pg_has_role(r.oid, ${escapeLiteral(APPLICATION_ROLE)}, 'member') as application,
    pg_has_role(r.oid, ${escapeLiteral(PLATFORM_ROLE)}, 'member') as platform,
    (select count(*)::int from pg_class where relowner = r.oid)
      + (select count(*)::int from pg_namespace where nspowner = r.oid)
      + (select count(*)::int from pg_proc where proowner = r.oid) as owns
  from pg_roles r where r.rolname = ${who}`;

/** Refuses a services' login that would pass row-level security or own what it reads. */
export async function assertServiceLogin(serviceUrl: string): Promise<void> {
  const client = new Client({ connectionString: serviceUrl });
  await client.connect();
  try {
    // current_user is always a row of pg_roles.
    const row = (await client.query<LoginRole>(loginRoleQuery('current_user'))).rows[0]!;
    const problems = loginProblems(row.role, row);
    if (problems.length > 0) {
      throw new ConfigError(
        `the services' database login ${row.role} ${problems.join(', ')}: it must be a member of ${APPLICATION_ROLE} and ${PLATFORM_ROLE} that owns nothing, with no BYPASSRLS (set APP_DATABASE_URL, see README "Tenant isolation")`,
      );
    }
  } finally {
    await client.end();
  }
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INVALID_PASSWORD = '28P01';

/**
 * Run by the owner after the migrations (`npm start`, `npm run db:migrate`, tests):
 * makes sure the role named by the services' URL exists, may log in, is a member of
 * `cmc_app` and of `cmc_platform` (to take them by name), is no superuser, has no
 * BYPASSRLS and owns nothing; and, when the URL
 * carries a password the server refuses, gives the role that password. Roles are
 * cluster-wide, so processes migrating other databases of the same server may do
 * this at the same moment: each step is retried until the role is as required.
 */
export async function provisionServiceLogin(owner: MikroORM, serviceUrl: string, log?: Logger): Promise<void> {
  const url = new URL(serviceUrl);
  const role = decodeURIComponent(url.username);
  if (!ROLE_NAME.test(role)) throw new ConfigError(`the services' database login must be a plain role name (a-z, 0-9, _), not ${JSON.stringify(role)}`);
  const connection = owner.em.getConnection();
  const ident = escapeIdentifier(role);
  const inspect = async () => ((await connection.execute(loginRoleQuery('?'), [role])) as LoginRole[])[0] as LoginRole | undefined;

  for (let attempt = 1; ; attempt += 1) {
    try {
      const row = await inspect();
      if (!row) await connection.execute(`create role ${ident} login nosuperuser nobypassrls nocreatedb nocreaterole inherit`);
      else if (!row.rolcanlogin) await connection.execute(`alter role ${ident} login`);
      if (!row?.application) await connection.execute(`grant ${APPLICATION_ROLE} to ${ident}`);
      if (!row?.platform) await connection.execute(`grant ${PLATFORM_ROLE} to ${ident}`);
      break;
    } catch (error) {
      // Another process created or granted the role in the meantime: look again.
      if (attempt >= 5) {
        throw new ConfigError(
          `could not set up the services' database login ${role} as the owner (${(error as Error).message}): create it with LOGIN, grant it ${APPLICATION_ROLE} and ${PLATFORM_ROLE}, or give DATABASE_URL's role CREATEROLE`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
  const problems = loginProblems(role, await inspect());
  if (problems.length > 0) throw new ConfigError(`the services' database login ${role} ${problems.join(', ')}; row-level security would not hold for it`);

  for (let attempt = 1; ; attempt += 1) {
    const client = new Client({ connectionString: serviceUrl });
    try {
      await client.connect();
      return;
    } catch (error) {
      const refused = (error as { code?: string }).code === INVALID_PASSWORD;
      if (!refused || !url.password || attempt >= 5) throw error;
      log?.info({ role }, "setting the services' database login password");
      await connection.execute(`alter role ${ident} password ${escapeLiteral(decodeURIComponent(url.password))}`).catch(() => undefined);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
