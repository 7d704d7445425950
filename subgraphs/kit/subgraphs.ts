/**
 * The subgraphs of the graph, in migration order: a subgraph's tables may reference
 * only tables of the subgraphs before it (every clinical table references identity.tenant).
 */
export const SUBGRAPHS = [
  { name: 'identity', port: 4001 },
  { name: 'patient', port: 4002 },
  { name: 'consent', port: 4003 },
  { name: 'billing', port: 4004 },
  { name: 'audit', port: 4005 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const GATEWAY_PORT = 4000;
