import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';
import { CALLER_ASSERTION_HEADER, signCallerAssertion, type CallerAssertion } from '../../subgraphs/kit/callerAssertion';
import { codesOf, findMarker, post } from './client';
import type { ProbeRow } from './probe';
import type { ProbedGraph } from './supergraph';

export interface SubgraphTarget {
  name: string;
  url: string;
}

export interface SubgraphAttackInput {
  graph: ProbedGraph;
  subgraphs: SubgraphTarget[];
  /** INTERNAL_SIGNING_KEY of the stack; without it only unsigned and wrongly signed calls are made. */
  signingKey: Uint8Array | null;
  /** The attacking tenant's callers, as their assertions would name them. */
  attackers: CallerAssertion[];
  victimIds: Map<string, Set<string>>;
  victimMarkers: Map<string, string>;
}

/** The fields of `type` that `subgraph` resolves itself, for an `_entities` selection. */
function ownSelection(graph: ProbedGraph, typeName: string, subgraph: string): string {
  const type = graph.schema.getType(typeName) as import('graphql').GraphQLObjectType;
  const fields = Object.values(type.getFields()).filter((field) => {
    const joins = (field.astNode?.directives ?? []).filter((d) => d.name.value === 'join__field');
    if (field.args.some((a) => a.type.toString().endsWith('!') && a.defaultValue === undefined)) return false;
    if (joins.length === 0) return true;
    return joins.some((d) => {
      const graphArg = d.arguments?.find((a) => a.name.value === 'graph');
      const external = d.arguments?.find((a) => a.name.value === 'external');
      return graphArg?.value.kind === 'EnumValue' && graphArg.value.value.toLowerCase() === subgraph && !(external?.value.kind === 'BooleanValue' && external.value.value);
    });
  });
  const selection = fields.map((f) => {
    const named = f.type.toString().replace(/[[\]!]/g, '');
    const target = graph.schema.getType(named);
    return target && 'getFields' in target ? `${f.name} { __typename ${'id' in (target as any).getFields() ? 'id' : ''} }` : f.name;
  });
  return `... on ${typeName} { __typename ${selection.join(' ')} }`;
}

/** A token for `audience` that is expired: the same claims, issued two minutes ago, ended one ago. */
async function expiredToken(key: Uint8Array, audience: string, caller: CallerAssertion): Promise<string> {
  const claims = decodeJwt(await signCallerAssertion(key, audience, caller, 30));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, iat: now - 120, exp: now - 60 }).setProtectedHeader({ alg: 'HS256' }).sign(key);
}

/**
 * Straight at each subgraph, past the gateway: `_entities` for every entity type the
 * subgraph resolves, with the attacker's valid assertion and the victim's ids; then
 * the same call unsigned, expired, for another audience and under another key.
 */
export async function attackSubgraphs(input: SubgraphAttackInput): Promise<ProbeRow[]> {
  const rows: ProbeRow[] = [];
  const { graph, signingKey, victimIds, victimMarkers } = input;
  for (const target of input.subgraphs) {
    const entities = graph.entities.filter((e) => e.resolvers.some((r) => r.subgraph === target.name));
    for (const entity of entities) {
      const keyFields = entity.resolvers.find((r) => r.subgraph === target.name)!.keyFields;
      const operation = `${target.name}: _entities(${entity.name})`;
      const ids = [...(victimIds.get(entity.name) ?? [])].slice(0, 3);
      for (const attacker of input.attackers) {
        const attack = `_entities with ${attacker.roles[0]} of tenant A`;
        const expected = 'no data of tenant B';
        if (keyFields.join() !== 'id') rows.push({ operation, attack, expected, got: '-', verdict: 'SKIPPED', note: `key ${keyFields.join(' ')} is not a plain id` });
        else if (ids.length === 0) rows.push({ operation, attack, expected, got: '-', verdict: 'SKIPPED', note: `no ${entity.name} of the other tenant is known` });
        else if (!signingKey) rows.push({ operation, attack, expected, got: '-', verdict: 'SKIPPED', note: 'no INTERNAL_SIGNING_KEY given' });
        else {
          const token = await signCallerAssertion(signingKey, target.name, { ...attacker, requestId: randomUUID() }, 30);
          const answer = await post(target.url, `query($r: [_Any!]!) { _entities(representations: $r) { ${ownSelection(graph, entity.name, target.name)} } }`, {
            r: ids.map((id) => ({ __typename: entity.name, id })),
          }, { [CALLER_ASSERTION_HEADER]: token });
          // The representations' own ids come back in a stub; anything else of B is a leak.
          const leak = findMarker(answer.data, victimMarkers, new Set(ids)) ?? ownDataOf(answer.data, ids);
          rows.push({ operation, attack, expected, got: leak ? `LEAK: ${leak}` : codesOf(answer), verdict: leak ? 'LEAK' : 'PASS' });
        }
      }
    }
    const victim = [...(victimIds.get('Patient') ?? victimIds.values().next().value ?? [])][0] ?? randomUUID();
    const probeQuery = `query($r: [_Any!]!) { _service { sdl } _entities(representations: $r) { __typename } }`;
    const other = input.subgraphs.find((s) => s.name !== target.name)?.name ?? 'gateway';
    const attacker = input.attackers[0];
    const forged: { attack: string; token: () => Promise<string | null> }[] = [
      { attack: 'no assertion', token: async () => null },
      { attack: 'expired assertion', token: async () => (signingKey && attacker ? expiredToken(signingKey, target.name, attacker) : Promise.reject(new Error('no INTERNAL_SIGNING_KEY given'))) },
      { attack: `assertion for audience ${other}`, token: async () => (signingKey && attacker ? signCallerAssertion(signingKey, other, { ...attacker, requestId: randomUUID() }, 30) : Promise.reject(new Error('no INTERNAL_SIGNING_KEY given'))) },
      { attack: 'assertion under another key', token: async () => signCallerAssertion(new Uint8Array(randomBytes(32)), target.name, { ...(attacker ?? anonymous()), requestId: randomUUID() }, 30) },
    ];
    for (const { attack, token } of forged) {
      const operation = `${target.name}: _service + _entities`;
      const expected = 'HTTP 401 UNAUTHENTICATED';
      let header: string | null;
      try {
        header = await token();
      } catch (error) {
        rows.push({ operation, attack, expected, got: '-', verdict: 'SKIPPED', note: (error as Error).message });
        continue;
      }
      const answer = await post(target.url, probeQuery, { r: [{ __typename: 'Patient', id: victim }] }, header ? { [CALLER_ASSERTION_HEADER]: header } : {});
      const refused = answer.status === 401 && !answer.data && answer.errors.every((e) => e.extensions?.code === 'UNAUTHENTICATED');
      rows.push({ operation, attack, expected, got: `HTTP ${answer.status} ${codesOf(answer)}`, verdict: refused ? 'PASS' : 'LEAK' });
    }
  }
  return rows;
}

/** A resolved entity that carries more than the id it was asked for (a field of the victim's record). */
function ownDataOf(data: Record<string, unknown> | null, ids: string[]): string | null {
  const entities = (data?._entities as (Record<string, unknown> | null)[] | undefined) ?? [];
  for (const entity of entities) {
    if (!entity) continue;
    // Texts and non-empty objects or lists are the record's data; flags and counts say too little to call.
    const filled = Object.entries(entity).filter(([k, v]) => k !== '__typename' && k !== 'id' && (typeof v === 'string' || (Array.isArray(v) ? v.length > 0 : v !== null && typeof v === 'object')));
    if (filled.length > 0 && ids.includes(String(entity.id))) return `${String(entity.__typename)} ${String(entity.id)} with ${filled.map(([k]) => k).join(', ')}`;
  }
  return null;
}

const anonymous = (): CallerAssertion => ({
  userId: null, tenantId: null, tenantActive: false, roles: [], patientId: null, sessionId: null, clientId: null, requestId: randomUUID(), clientIp: null, userAgent: 'cmc-isolation-probe',
});
