import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_ASSERTION_HEADER, signCallerAssertion, type CallerAssertion } from '../subgraphs/kit/callerAssertion';

/** What the gateway knows about a request when it plans subgraph fetches. */
export interface GatewayContext {
  assertion: CallerAssertion;
}

/**
 * A subgraph data source that vouches for the caller on every fetch: a fresh JWT
 * for this subgraph's audience, valid for seconds. Subgraphs trust nothing else.
 */
export class AssertingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: { name: string; url: string; signingKey: Uint8Array; ttlSeconds: number },
  ) {
    super({ url: subgraph.url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Requests without a caller (gateway health checks) carry no assertion and are refused.
    if (!('assertion' in context) || !context.assertion) return;
    const token = await signCallerAssertion(this.subgraph.signingKey, this.subgraph.name, context.assertion, this.subgraph.ttlSeconds);
    request.http?.headers.set(CALLER_ASSERTION_HEADER, token);
  }
}
