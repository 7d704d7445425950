/**
 * `npm run schema:compose` writes schema/supergraph.graphql from the subgraph SDL;
 * `npm run schema:check` fails when composition has errors or the committed file is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { composeSupergraph, SUPERGRAPH_PATH } from '../supergraph';

const mode = process.argv[2];
if (mode !== 'compose' && mode !== 'check') {
  console.error('usage: schema.ts compose|check');
  process.exit(2);
}

const composition = composeSupergraph();
if (!composition.ok) {
  console.error(`Composition failed with ${composition.errors.length} error(s):`);
  for (const error of composition.errors) console.error(`  - ${error}`);
  process.exit(1);
}

const path = relative(process.cwd(), SUPERGRAPH_PATH);
if (mode === 'compose') {
  writeFileSync(SUPERGRAPH_PATH, composition.supergraphSdl);
  console.log(`Wrote ${path}`);
} else {
  const committed = existsSync(SUPERGRAPH_PATH) ? readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
  if (committed !== composition.supergraphSdl) {
    console.error(`${path} is stale: run \`npm run schema:compose\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${path} is up to date with the subgraph SDL.`);
}
