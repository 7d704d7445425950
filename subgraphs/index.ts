import { auditSubgraph } from './audit';
import { billingSubgraph } from './billing';
import { consentSubgraph } from './consent';
import { identitySubgraph } from './identity';
import { patientSubgraph } from './patient';

/** Every subgraph, in migration order (see kit/subgraphs.ts). */
export const subgraphDefinitions = [identitySubgraph, patientSubgraph, consentSubgraph, billingSubgraph, auditSubgraph];
