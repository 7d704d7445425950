import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENT_VARIABLES } from '../../subgraphs/kit/config';
import { demoLogins } from '../../gateway/demoData';
import { DEMO_PASSWORD } from '../../subgraphs/identity/demo';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it('documents every environment variable the configuration reads', () => {
    const documented = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    expect(ENVIRONMENT_VARIABLES.filter((name) => !documented.has(name))).toEqual([]);
    expect([...documented].filter((name) => !ENVIRONMENT_VARIABLES.includes(name as never))).toEqual([]);
  });

  it('lists every demo login and the demo password', () => {
    for (const login of demoLogins()) expect(readme).toContain(`\`${login.email}\``);
    expect(readme).toContain(DEMO_PASSWORD);
  });
});
