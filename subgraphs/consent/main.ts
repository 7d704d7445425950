import { runSubgraph } from '../kit/runSubgraph';
import { consentSubgraph } from './index';

void runSubgraph(consentSubgraph);
