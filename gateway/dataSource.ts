import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent, fetch } from 'undici';
import { CALLER_ASSERTION_HEADER, signCallerAssertion, type CallerAssertion } from '../subgraphs/kit/callerAssertion';
import { SESSION_HANDOFF_HEADER } from '../subgraphs/kit/sessions';

type FetchResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type ReceivedResponse = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0];

/** What the gateway knows about a request when it plans subgraph fetches. */
export interface GatewayContext {
  assertion: CallerAssertion;
  /**
   * A session started or ended during this request: the new token, or '' for
   * ended. Set from the identity subgraph's hand-off header, or for a stale cookie.
   */
  sessionChange?: { token: string };
}

/**
 * A subgraph data source that vouches for the caller on every fetch: a fresh JWT
 * for this subgraph's audience, valid for seconds. Subgraphs trust nothing else.
 * From the identity subgraph alone it accepts a session hand-off (see `login`).
 */
export class AssertingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: { name: string; url: string; signingKey: Uint8Array; ttlSeconds: number; fetcher?: Fetcher },
  ) {
    super({ url: subgraph.url, ...(subgraph.fetcher ? { fetcher: subgraph.fetcher } : {}) });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Requests without a caller (gateway health checks) carry no assertion and are refused.
    if (!('assertion' in context) || !context.assertion) return;
    const token = await signCallerAssertion(this.subgraph.signingKey, this.subgraph.name, context.assertion, this.subgraph.ttlSeconds);
    request.http?.headers.set(CALLER_ASSERTION_HEADER, token);
  }

  /**
   * A subgraph answers a bad variable (a malformed DateTime, say) with HTTP 400 and a
   * BAD_USER_INPUT error: that is the client's mistake, passed on as such, not a failed
   * fetch to be masked as an internal error.
   */
  override async errorFromResponse(response: FetchResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined;
    const first = body?.errors?.[0];
    if (response.status === 400 && first?.extensions?.code === 'BAD_USER_INPUT' && typeof first.message === 'string') {
      return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return error;
  }

  override didReceiveResponse({ response, context }: ReceivedResponse): ReceivedResponse['response'] {
    const handoff = this.subgraph.name === 'identity' ? response.http?.headers.get(SESSION_HANDOFF_HEADER) : null;
    if (handoff !== null && handoff !== undefined && 'assertion' in context) context.sessionChange = { token: handoff };
    return response;
  }
}

/**
 * Idle subgraph connections close after 10 s, well inside the subgraphs' 72 s
 * keep-alive, so the gateway never writes to a socket the subgraph is closing.
 */
const SUBGRAPH_IDLE_SOCKET_MS = 10_000;
/** Sockets per subgraph: enough for every in-flight fetch at a few hundred concurrent requests. */
const SUBGRAPH_CONNECTIONS = 128;

/**
 * The subgraph fetcher: undici's fetch over one keep-alive pool per subgraph
 * origin (much less work per fetch than the default make-fetch-happen).
 * `close` ends the pools when the gateway stops.
 */
export function keepAliveFetcher(): { fetcher: Fetcher; close(): Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: SUBGRAPH_IDLE_SOCKET_MS, keepAliveMaxTimeout: SUBGRAPH_IDLE_SOCKET_MS, connections: SUBGRAPH_CONNECTIONS });
  const fetcher = ((url: string, init?: Parameters<Fetcher>[1]) => fetch(url, { ...init, dispatcher: agent } as never)) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
