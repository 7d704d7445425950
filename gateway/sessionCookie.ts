import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './dataSource';

/**
 * The session cookie (COMPLIANCE.md, Authentication): `__Host-` prefix, Secure,
 * HttpOnly, SameSite=Lax, Path=/. With COOKIE_SECURE=off (plain-HTTP development
 * hosts only) it drops Secure and, as the prefix requires Secure, the prefix too.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-cmc_session' : 'cmc_session';
}

/** The Set-Cookie value; the token is base64url, so it needs no encoding. A null token clears the cookie. */
export function sessionCookie(name: string, secure: boolean, token: string | null, maxAgeSeconds: number): string {
  const attributes = [`${name}=${token ?? ''}`, 'Path=/', 'HttpOnly', ...(secure ? ['Secure'] : []), 'SameSite=Lax', `Max-Age=${token ? maxAgeSeconds : 0}`];
  return attributes.join('; ');
}

/** The value of one cookie in a Cookie request header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * Turns what the request learnt about its session into the response: the new
 * token from a sign-in as the cookie, a cleared cookie after sign-out or for a
 * stale one; and a RATE_LIMITED error from a subgraph into HTTP 429 with Retry-After.
 */
export function useSessionCookie(options: { cookieName: string; secure: boolean; maxAgeSeconds: number }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const change = contextValue.sessionChange;
          if (change) {
            const token = change.token || null;
            response.http.headers.set('set-cookie', sessionCookie(options.cookieName, options.secure, token, options.maxAgeSeconds));
            response.http.headers.set('cache-control', 'no-store');
          }
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const limited = errors.find((error) => error.extensions?.code === 'RATE_LIMITED');
          if (limited) {
            response.http.status = 429;
            const retryAfter = Number(limited.extensions?.retryAfterSeconds);
            if (retryAfter > 0) response.http.headers.set('retry-after', String(Math.ceil(retryAfter)));
          }
        },
      };
    },
  };
}
