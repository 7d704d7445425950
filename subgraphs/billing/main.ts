import { runSubgraph } from '../kit/runSubgraph';
import { billingSubgraph } from './index';

void runSubgraph(billingSubgraph);
