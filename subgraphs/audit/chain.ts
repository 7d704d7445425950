import type { Connection } from '@mikro-orm/postgresql';

export interface BrokenLink {
  chain: string;
  seq: number;
  reason: 'hash does not match the event' | 'previous hash does not match' | 'event missing';
}

export interface ChainReport {
  chains: number;
  events: number;
  broken: BrokenLink[];
}

interface Row {
  chain: string;
  seq: string;
  prev_hash: Buffer | null;
  hash: Buffer;
  self_consistent: boolean;
  purged: boolean;
}

const same = (a: Buffer | null, b: Buffer | null) => (a === null || b === null ? a === b : a.equals(b));

/**
 * Walks every tenant's chain in sequence order and names the first broken link of
 * each: an event whose stored hash is not the hash of its canonical form, an event
 * whose previous hash is not its predecessor's hash, or a gap that no retention
 * tombstone accounts for. Events purged by retention are bridged by their tombstones.
 */
export async function verifyAuditChains(connection: Connection): Promise<ChainReport> {
  const rows = (await connection.execute(`
    select chain, seq, prev_hash, hash, audit.canonical_hash(prev_hash, e) = hash as self_consistent, false as purged
      from audit.audit_event e
    union all
    select chain, seq, null, hash, true, true from audit.purged_event
    order by chain, seq`)) as Row[];
  const broken: BrokenLink[] = [];
  let chains = 0;
  let current: string | null = null;
  let previous: { seq: number; hash: Buffer } | null = null;
  let chainBroken = false;
  for (const row of rows) {
    const seq = Number(row.seq);
    if (row.chain !== current) {
      current = row.chain;
      chains += 1;
      previous = null;
      chainBroken = false;
    }
    if (!chainBroken && !row.purged) {
      let reason: BrokenLink['reason'] | null = null;
      if (!row.self_consistent) reason = 'hash does not match the event';
      else if ((previous === null && seq !== 1) || (previous !== null && previous.seq !== seq - 1)) reason = 'event missing';
      else if (!same(row.prev_hash, previous?.hash ?? null)) reason = 'previous hash does not match';
      if (reason) {
        broken.push({ chain: row.chain, seq, reason });
        chainBroken = true;
      }
    }
    previous = { seq, hash: row.hash };
  }
  return { chains, events: rows.filter((r) => !r.purged).length, broken };
}

/** Runs the retention function: deletes events past retain-until, returns counts per class. */
export async function purgeExpiredAuditEvents(connection: Connection, requestId: string): Promise<Record<string, number>> {
  const rows = (await connection.execute('select class, purged from audit.purge_expired(?)', [requestId])) as { class: string; purged: string }[];
  return Object.fromEntries(rows.map((r) => [r.class, Number(r.purged)]));
}
