import { createHash, randomBytes } from 'node:crypto';
import type { Role } from './roles';
import type { Clock } from './clock';
import type { Store } from './store';
import { uuidv7 } from './ids';

/** What the server keeps about a signed-in session; the token itself is never stored. */
export interface SessionRecord {
  id: string;
  userId: string;
  tenantId: string | null;
  role: Role;
  patientId: string | null;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end: sign-in time plus the absolute lifetime. */
  expiresAt: number;
  clientIp: string | null;
  userAgent: string | null;
}

export type SessionEnd = 'idle' | 'absolute';

export interface SessionPolicy {
  idleSeconds: number;
  absoluteSeconds: number;
}

/** A touch is written at most this often: idle time is exact to within a minute, not one write per request. */
const TOUCH_INTERVAL_MS = 60_000;

const tokenKey = (tokenHash: string) => `session:${tokenHash}`;
const idKey = (id: string) => `session-id:${id}`;
const userKey = (userId: string) => `user-sessions:${userId}`;

/**
 * The identity subgraph hands a new session token to the gateway in this response
 * header (an empty value: the session ended); the gateway turns it into the cookie
 * and never passes the header on.
 */
export const SESSION_HANDOFF_HEADER = 'cmc-session-token';

/** SHA-256 of the token: what the store is keyed by, so a store dump yields no usable cookie. */
export const hashSessionToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Sign-in sessions (COMPLIANCE.md, Authentication): a 256-bit random token per
 * sign-in, kept only as its hash, with an idle timeout and an absolute lifetime.
 * Shared by the identity subgraph (which starts and ends sessions) and the
 * gateway (which resolves the cookie on every request).
 */
export class Sessions {
  constructor(
    private readonly store: Store,
    readonly policy: SessionPolicy,
    private readonly clock: Clock,
  ) {}

  /** Starts a session; returns the token for the cookie (never stored) and the record. */
  async start(user: Pick<SessionRecord, 'userId' | 'tenantId' | 'role' | 'patientId' | 'clientIp' | 'userAgent'>) {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    const record: SessionRecord = { ...user, id: uuidv7(), createdAt: now, lastSeenAt: now, expiresAt: now + this.policy.absoluteSeconds * 1000 };
    await this.save(hashSessionToken(token), record);
    await this.store.setAdd(userKey(record.userId), record.id, this.policy.absoluteSeconds);
    return { token, record };
  }

  /**
   * The live session a cookie names, touched; or why it ended (and it is then ended
   * on the server too); or null for a token that names no session.
   */
  async resolve(token: string): Promise<{ session: SessionRecord } | { ended: SessionEnd; session: SessionRecord } | null> {
    const tokenHash = hashSessionToken(token);
    const stored = await this.store.get(tokenKey(tokenHash));
    if (!stored) return null;
    const session = JSON.parse(stored) as SessionRecord;
    const now = this.clock();
    const ended: SessionEnd | null =
      now >= session.expiresAt ? 'absolute' : now - session.lastSeenAt >= this.policy.idleSeconds * 1000 ? 'idle' : null;
    if (ended) {
      await this.remove(tokenHash, session);
      return { ended, session };
    }
    if (now - session.lastSeenAt >= TOUCH_INTERVAL_MS) await this.save(tokenHash, { ...session, lastSeenAt: now });
    return { session };
  }

  /** The live session with this id, untouched; null when there is none. */
  async find(sessionId: string): Promise<SessionRecord | null> {
    const tokenHash = await this.store.get(idKey(sessionId));
    const stored = tokenHash ? await this.store.get(tokenKey(tokenHash)) : null;
    return stored ? (JSON.parse(stored) as SessionRecord) : null;
  }

  /** Ends one session by id; returns it, or null when there is no such live session. */
  async end(sessionId: string): Promise<SessionRecord | null> {
    const tokenHash = await this.store.get(idKey(sessionId));
    const stored = tokenHash ? await this.store.get(tokenKey(tokenHash)) : null;
    if (!tokenHash || !stored) return null;
    const session = JSON.parse(stored) as SessionRecord;
    await this.remove(tokenHash, session);
    return session;
  }

  /** The user's live sessions, oldest first. */
  async list(userId: string): Promise<SessionRecord[]> {
    const now = this.clock();
    const sessions: SessionRecord[] = [];
    const gone: string[] = [];
    for (const id of await this.store.setMembers(userKey(userId))) {
      const tokenHash = await this.store.get(idKey(id));
      const stored = tokenHash ? await this.store.get(tokenKey(tokenHash)) : null;
      const session = stored ? (JSON.parse(stored) as SessionRecord) : null;
      if (session && now < session.expiresAt && now - session.lastSeenAt < this.policy.idleSeconds * 1000) sessions.push(session);
      else gone.push(id);
    }
    await this.store.setRemove(userKey(userId), ...gone);
    return sessions.sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Ends every session of the user but `keep` (password change); returns the ended ones. */
  async endAllOf(userId: string, keep: string | null = null): Promise<SessionRecord[]> {
    const ended: SessionRecord[] = [];
    for (const session of await this.list(userId)) {
      if (session.id === keep) continue;
      const record = await this.end(session.id);
      if (record) ended.push(record);
    }
    return ended;
  }

  private async save(tokenHash: string, session: SessionRecord): Promise<void> {
    const now = this.clock();
    // Expiry in the store is housekeeping only: the record's own times decide, against the clock.
    const ttl = Math.max(1, Math.ceil(Math.min(this.policy.idleSeconds * 1000, session.expiresAt - now) / 1000));
    await this.store.set(tokenKey(tokenHash), JSON.stringify(session), ttl);
    await this.store.set(idKey(session.id), tokenHash, ttl);
  }

  private async remove(tokenHash: string, session: SessionRecord): Promise<void> {
    await this.store.del(tokenKey(tokenHash), idKey(session.id));
    await this.store.setRemove(userKey(session.userId), session.id);
  }
}
