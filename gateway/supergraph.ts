import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';

import { SUBGRAPHS } from '../subgraphs/kit/subgraphs';
import { SCHEMA_DIR, subgraphTypeDefs } from '../subgraphs/kit/subgraphServer';

export const SUPERGRAPH_PATH = join(SCHEMA_DIR, 'supergraph.graphql');

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/**
 * Composes the committed subgraph SDL files into a supergraph. The routing URLs
 * are the default local ports; the gateway overrides them from configuration.
 */
export function composeSupergraph(): Composition {
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({ name, url: `http://127.0.0.1:${port}/graphql`, typeDefs: subgraphTypeDefs(name) })),
  );
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`) };
  }
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trimEnd()}\n` };
}

/** The committed supergraph the gateway serves. */
export function loadSupergraphSdl(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}

