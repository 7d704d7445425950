/** A reference to an entity owned by another subgraph, resolved by the gateway. */
export interface EntityReference {
  id: string;
}
