import { randomUUID } from 'node:crypto';
import { getNamedType, type GraphQLField } from 'graphql';
import type { CallerAssertion } from '../../subgraphs/kit/callerAssertion';
import { CallBuilder, idTypeOf, Unbuildable, type ArgumentSource } from './arguments';
import { codesOf, collectIds, findMarker, must, post, signIn, type Session } from './client';
import { attackSubgraphs, type SubgraphTarget } from './subgraphAttacks';
import { isRequired, loadProbedGraph, namesIds, selectionOf, type ProbedGraph } from './supergraph';
import { setUpTenant, type TenantData } from './tenantData';

export interface ProbeRow {
  operation: string;
  attack: string;
  expected: string;
  got: string;
  verdict: 'PASS' | 'LEAK' | 'SKIPPED';
  note?: string;
}

export interface ClinicUnderTest {
  /** The clinic's slug, as `login` takes it. */
  slug: string;
  /** The emails to sign in with, by role; the attackers are tenant A's, the owners tenant B's. */
  emails: Record<'TENANT_ADMIN' | 'CLINICIAN' | 'PATIENT', string>;
}

export interface ProbeOptions {
  gateway: string;
  subgraphs: SubgraphTarget[];
  attacker: ClinicUnderTest;
  victim: ClinicUnderTest;
  password: string;
  /** INTERNAL_SIGNING_KEY, to sign assertions for the straight-at-the-subgraph calls. */
  signingKey: Uint8Array | null;
  supergraphPath?: string;
}

export interface ProbeReport {
  rows: ProbeRow[];
  leaks: number;
  passed: number;
  skipped: number;
  ms: number;
}

/** The demo login emails of a clinic: `<role>@<slug>.example`. */
export const demoEmails = (slug: string): ClinicUnderTest['emails'] => ({
  TENANT_ADMIN: `tenant-admin@${slug}.example`,
  CLINICIAN: `clinician@${slug}.example`,
  PATIENT: `patient@${slug}.example`,
});

async function signInAll(options: ProbeOptions, clinic: ClinicUnderTest, tag: string): Promise<Session[]> {
  const sessions: Session[] = [];
  for (const [role, email] of Object.entries(clinic.emails)) sessions.push(await signIn(options.gateway, `${tag} ${role}`, clinic.slug, email, options.password));
  return sessions;
}

/** Every string of a response outside `id` fields: the references an object holds, not the objects themselves. */
function collectReferences(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectReferences(v, into));
  else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) if (key !== 'id') collectReferences(child, into);
}

/** Runs every root field without required arguments as each session and keeps the ids it sees, by type, and the references. */
async function harvest(graph: ProbedGraph, gateway: string, sessions: Session[], into: Map<string, Set<string>>, references = new Set<string>()): Promise<void> {
  for (const session of sessions) {
    for (const field of graph.queryFields) {
      if (field.args.some(isRequired)) continue;
      const answer = await post(gateway, `query { ${field.name} ${selectionOf(field.type, 2)} }`, {}, { cookie: session.cookie });
      collectIds(answer.data, into);
      collectReferences(answer.data, references);
    }
  }
}

type Attack = 'read by id' | 'list and search' | 'mutate its object' | 'reference its object';

function attackOf(graph: ProbedGraph, field: GraphQLField<unknown, unknown>, kind: 'query' | 'mutation'): Attack | null {
  if (!namesIds(field.args)) return kind === 'query' ? 'list and search' : null;
  if (kind === 'query') return namesIds(field.args.filter(isRequired)) ? 'read by id' : 'list and search';
  const returned = getNamedType(field.type).name;
  const ownObject = field.args.some((a) => getNamedType(a.type).name === 'ID' && idTypeOf(graph.schema, field, a.name) === returned) || field.args.some((a) => a.name === 'id');
  return ownObject ? 'mutate its object' : 'reference its object';
}

const EXPECTED: Record<Attack, string> = {
  'read by id': "no B data; same answer as for an unknown id",
  'list and search': 'no B data',
  'mutate its object': 'refused; same answer as for an unknown id',
  'reference its object': 'refused; same answer as for an unknown id',
};

/** One root field as one attacker: the victim's ids in, nothing of the victim out. */
async function attackField(
  graph: ProbedGraph,
  gateway: string,
  session: Session,
  field: GraphQLField<unknown, unknown>,
  kind: 'query' | 'mutation',
  source: ArgumentSource,
  markers: Map<string, string>,
): Promise<ProbeRow> {
  const operation = `${kind === 'query' ? 'Query' : 'Mutation'}.${field.name} as ${session.role}`;
  const attack = attackOf(graph, field, kind);
  if (!attack) return { operation, attack: 'mutate or reference', expected: '-', got: '-', verdict: 'SKIPPED', note: 'takes no id: nothing of tenant B to aim at' };
  const expected = EXPECTED[attack];
  let call: { query: string; variables: Record<string, unknown> };
  let control: { query: string; variables: Record<string, unknown> } | null = null;
  try {
    call = new CallBuilder(graph.schema, field, source, false).build(kind);
    if (attack !== 'list and search') control = new CallBuilder(graph.schema, field, source, true).build(kind);
  } catch (error) {
    if (error instanceof Unbuildable) return { operation, attack, expected, got: '-', verdict: 'SKIPPED', note: error.message };
    throw error;
  }
  const answer = await post(gateway, call.query, call.variables, { cookie: session.cookie });
  const got = codesOf(answer);
  const leaked = findMarker(answer.data, markers);
  if (leaked) return { operation, attack, expected, got: `LEAK: ${leaked}`, verdict: 'LEAK' };
  if (kind === 'mutation' && answer.data?.[field.name] !== undefined && answer.data?.[field.name] !== null) {
    return { operation, attack, expected, got: 'LEAK: accepted', verdict: 'LEAK' };
  }
  if (control) {
    // Existence must not leak: B's id and an id nobody has get the same answer.
    const unknown = codesOf(await post(gateway, control.query, control.variables, { cookie: session.cookie }));
    if (unknown !== got) return { operation, attack, expected, got: `LEAK: ${got} for B's id, ${unknown} for an unknown id`, verdict: 'LEAK' };
  }
  return { operation, attack, expected, got, verdict: 'PASS' };
}

/**
 * The live cross-tenant probe: signs in as two clinics, gives each a patient, a
 * consent request and a charge, then, as each of clinic A's roles, aims every root
 * field of the supergraph at clinic B's objects, and every subgraph's `_entities` too.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const started = Date.now();
  const graph = loadProbedGraph(options.supergraphPath);
  const attackers = await signInAll(options, options.attacker, 'A');
  const owners = await signInAll(options, options.victim, 'B');
  const clinician = (sessions: Session[]) => sessions.find((s) => s.role === 'CLINICIAN') ?? sessions[0]!;
  const ownData: TenantData = await setUpTenant(options.gateway, clinician(attackers), 'A');
  const victimData: TenantData = await setUpTenant(options.gateway, clinician(owners), 'B');

  const victimIds = new Map<string, Set<string>>();
  for (const [type, id] of victimData.created) victimIds.set(type, new Set([id, ...(victimIds.get(type) ?? [])]));
  await harvest(graph, options.gateway, owners, victimIds);
  // An id of B that A's own data holds as a reference, not as an object of its own, is A's record
  // of an earlier refused attempt (an audit event's target); an object of B that A sees stays a leak.
  const own = new Set<string>();
  await harvest(graph, options.gateway, attackers, new Map(), own);
  const markers = new Map<string, string>([[victimData.marker, 'name']]);
  for (const [type, ids] of victimIds) for (const id of ids) if (!own.has(id)) markers.set(id, type);

  const source: ArgumentSource = {
    idOf: (type) => [...(victimIds.get(type) ?? [])].find((id) => !own.has(id)),
    searchText: victimData.marker,
    samples: ownData.samples,
  };
  // A's roles attack side by side, all reads before any write: a refused write leaves an audit
  // event naming B's id in A's own log, which a read of that log would then show.
  const phase = async (fields: GraphQLField<unknown, unknown>[], kind: 'query' | 'mutation') => {
    const perSession = await Promise.all(
      attackers.map(async (session) => {
        const out: ProbeRow[] = [];
        for (const field of fields) out.push(await attackField(graph, options.gateway, session, field, kind, source, markers));
        return out;
      }),
    );
    return perSession.flat();
  };
  const rows: ProbeRow[] = [...(await phase(graph.queryFields, 'query')), ...(await phase(graph.mutationFields, 'mutation'))];

  const callers: CallerAssertion[] = [];
  for (const session of attackers) {
    const { me } = await must(options.gateway, session, 'query { me { id role tenant { id } } }');
    const patientId = session.role === 'PATIENT' ? ((await must(options.gateway, session, 'query { myRecord { id } }')).myRecord.id as string) : null;
    callers.push({ userId: me.id, tenantId: me.tenant?.id ?? null, tenantActive: true, roles: [me.role], patientId, sessionId: null, clientId: null, requestId: randomUUID(), clientIp: null, userAgent: 'cmc-isolation-probe' });
  }
  rows.push(...(await attackSubgraphs({ graph, subgraphs: options.subgraphs, signingKey: options.signingKey, attackers: callers, victimIds, victimMarkers: markers })));
  if (options.subgraphs.length === 0) rows.push({ operation: 'subgraphs', attack: '_entities and forged assertions', expected: '-', got: '-', verdict: 'SKIPPED', note: 'no --subgraph given' });

  const count = (v: ProbeRow['verdict']) => rows.filter((r) => r.verdict === v).length;
  return { rows, leaks: count('LEAK'), passed: count('PASS'), skipped: count('SKIPPED'), ms: Date.now() - started };
}

/** The report as a plain-text table, then one summary line. */
export function formatReport(report: ProbeReport): string {
  const header: ProbeRow = { operation: 'operation', attack: 'attack', expected: 'expected', got: 'got', verdict: 'PASS' };
  const cells = (r: ProbeRow) => [r.operation, r.attack, r.expected, r.note ? `${r.got} (${r.note})` : r.got, r === header ? 'verdict' : r.verdict];
  const table = [header, ...report.rows].map(cells);
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('-|-'));
  return `${lines.join('\n')}\nprobe: ${report.rows.length} checks, ${report.passed} passed, ${report.leaks} leaks, ${report.skipped} skipped, ${(report.ms / 1000).toFixed(1)} s`;
}
