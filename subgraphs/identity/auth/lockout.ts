import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Account lockout (COMPLIANCE.md, Authentication): 5 consecutive failures lock the
 * username for 15 minutes, doubling with each repeat up to 24 hours; a success
 * resets both counts. It is kept per username, whether or not an account exists,
 * so a locked answer says nothing about who has an account.
 */
export const LOCKOUT = { maxFailures: 5, firstLockMs: 15 * 60_000, maxLockMs: 24 * 3_600_000 } as const;

/** The guard row's key: a hash of clinic and email, so no email of a non-user is kept. */
export function usernameKey(tenantSlug: string | null, email: string): string {
  return createHash('sha256').update(`${tenantSlug ?? ''}\n${email.trim().toLowerCase()}`).digest('hex');
}

// Outside the request's transaction on purpose: a failed sign-in rolls the request
// back, and the failure must count all the same.
const run = (em: EntityManager, sql: string, params: unknown[]) => em.getConnection().execute(sql, params, 'all');

/** When the username's lock ends, or null when it is not locked at `now`. */
export async function lockedUntil(em: EntityManager, key: string, now: Date): Promise<Date | null> {
  const rows = await run(em, 'select locked_until from identity.login_guard where username_key = ? and locked_until > ?', [key, now]);
  return rows[0] ? new Date(rows[0].locked_until) : null;
}

/** Counts a failure; returns the new lock when this failure locked the username. */
export async function recordFailure(em: EntityManager, key: string, now: Date): Promise<{ lockedUntil: Date; lockCount: number } | null> {
  // One statement, so concurrent failures cannot both miss (or both make) the lock.
  const rows = await run(
    em,
    `insert into identity.login_guard as g (username_key, consecutive_failures, lock_count, locked_until, updated_at)
     values (?, 1, 0, null, ?)
     on conflict (username_key) do update set
       consecutive_failures = case when g.consecutive_failures + 1 >= ? then 0 else g.consecutive_failures + 1 end,
       lock_count = case when g.consecutive_failures + 1 >= ? then g.lock_count + 1 else g.lock_count end,
       locked_until = case when g.consecutive_failures + 1 >= ?
         then excluded.updated_at + least(? * power(2, g.lock_count), ?) * interval '1 millisecond'
         else g.locked_until end,
       updated_at = excluded.updated_at
     returning consecutive_failures, lock_count, locked_until`,
    [key, now, LOCKOUT.maxFailures, LOCKOUT.maxFailures, LOCKOUT.maxFailures, LOCKOUT.firstLockMs, LOCKOUT.maxLockMs],
  );
  const row = rows[0]!;
  const justLocked = row.consecutive_failures === 0 && row.locked_until && new Date(row.locked_until) > now;
  return justLocked ? { lockedUntil: new Date(row.locked_until), lockCount: row.lock_count } : null;
}

/** A success forgets the username's failures and past locks. */
export async function recordSuccess(em: EntityManager, key: string): Promise<void> {
  await run(em, 'delete from identity.login_guard where username_key = ?', [key]);
}
