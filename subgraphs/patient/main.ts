import { runSubgraph } from '../kit/runSubgraph';
import { patientSubgraph } from './index';

void runSubgraph(patientSubgraph);
