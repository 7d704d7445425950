import { runSubgraph } from '../kit/runSubgraph';
import { identitySubgraph } from './index';

void runSubgraph(identitySubgraph);
