import type { Clock } from '../kit/clock';
import { loginLimiters } from '../kit/rateLimits';
import { Sessions } from '../kit/sessions';
import type { SubgraphDependencies } from '../kit/subgraphServer';

/** What the identity subgraph keeps for its whole life: sessions, sign-in limiters and the clock. */
export interface IdentityServices {
  sessions: Sessions;
  loginLimits: ReturnType<typeof loginLimiters>;
  clock: Clock;
}

export function createIdentityServices({ config, store, clock }: SubgraphDependencies): IdentityServices {
  return { sessions: new Sessions(store, config.session, clock), loginLimits: loginLimiters(store, config.limits), clock };
}
