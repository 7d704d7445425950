import { DEMO_PASSWORD } from '../../subgraphs/identity/demo';
import { graphql, type GraphQLResponse } from './stack';

export const LOGIN = /* GraphQL */ `mutation($tenant: String, $email: String!, $password: String!) {
  login(tenant: $tenant, email: $email, password: $password) { id role }
}`;

/** The `name=value` part of the response's session cookie, or null when none was set. */
export function sessionCookieOf(response: GraphQLResponse): string | null {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-cmc_session='));
  return cookie ? cookie.split(';')[0]! : null;
}

/** Signs in through the gateway; returns the response and the cookie to send next. */
export async function signIn(url: string, tenant: string | null, email: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}) {
  const response = await graphql(url, LOGIN, { tenant, email, password }, headers);
  return { response, cookie: sessionCookieOf(response) };
}

export const withCookie = (cookie: string | null): Record<string, string> => (cookie ? { cookie } : {});

/** A clock the test moves by hand. */
export function manualClock(start = Date.now()) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, { advance: (ms: number) => void (now += ms) });
}
