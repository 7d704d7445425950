/** A signed-in caller of the gateway, as the probe uses one. */
export interface Session {
  label: string;
  role: string;
  cookie: string;
}

export interface Answer {
  status: number;
  data: Record<string, unknown> | null;
  errors: { message: string; extensions?: { code?: string } }[];
}

/** POSTs one GraphQL operation; never throws on a GraphQL or HTTP error. */
export async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: { data?: Record<string, unknown> | null; errors?: Answer['errors'] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text.slice(0, 200) }] };
  }
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}

const LOGIN = /* GraphQL */ `mutation($tenant: String, $email: String!, $password: String!) { login(tenant: $tenant, email: $email, password: $password) { id role } }`;

/** Signs in with the real `login` mutation and keeps the session cookie. */
export async function signIn(gateway: string, label: string, tenant: string, email: string, password: string): Promise<Session> {
  const response = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LOGIN, variables: { tenant, email, password } }) });
  const body = (await response.json()) as { data?: { login?: { role: string } }; errors?: unknown[] };
  const cookie = response.headers.getSetCookie().find((c) => /cmc_session=/.test(c))?.split(';')[0];
  if (!cookie || !body.data?.login) throw new Error(`sign-in as ${email} at ${tenant} failed: ${JSON.stringify(body.errors ?? body)}`);
  return { label, role: body.data.login.role, cookie };
}

/** Runs an operation as the session; throws when it answers with errors (setup steps only). */
export async function must(gateway: string, session: Session, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const answer = await post(gateway, query, variables, { cookie: session.cookie });
  if (answer.errors.length > 0 || !answer.data) throw new Error(`${session.label}: ${query.slice(0, 60)}... failed: ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

/** The error codes of an answer, or `data` when it had none. */
export const codesOf = (answer: Answer): string =>
  answer.status === 401 && answer.errors.length === 0 ? 'HTTP 401' : answer.errors.length > 0 ? [...new Set(answer.errors.map((e) => e.extensions?.code ?? 'NO_CODE'))].sort().join(',') : 'data';

/** Every object with a `__typename` and an `id` in a response, by type. */
export function collectIds(value: unknown, into: Map<string, Set<string>>): void {
  if (Array.isArray(value)) return value.forEach((v) => collectIds(v, into));
  if (!value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.__typename === 'string' && typeof record.id === 'string') {
    if (!into.has(record.__typename)) into.set(record.__typename, new Set());
    into.get(record.__typename)!.add(record.id);
  }
  for (const child of Object.values(record)) collectIds(child, into);
}

/** The first of `markers` found among the strings of `value` (the victim's ids and texts), or null. */
export function findMarker(value: unknown, markers: Map<string, string>, except: Set<string> = new Set()): string | null {
  if (typeof value === 'string') return markers.has(value) && !except.has(value) ? `${markers.get(value)} ${value}` : null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findMarker(v, markers, except);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') return findMarker(Object.values(value), markers, except);
  return null;
}
