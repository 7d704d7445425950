import { runSubgraph } from '../kit/runSubgraph';
import { auditSubgraph } from './index';

void runSubgraph(auditSubgraph);
