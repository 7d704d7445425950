import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../../subgraphs/identity/demo';
import { demoEmails, formatReport, runProbe, type ClinicUnderTest } from './probe';

const USAGE = `npm run probe:isolation -- --gateway URL [--subgraph name=URL ...] [--signing-key KEY]
    [--tenant-a sunrise] [--tenant-b lotus] [--password P]
    [--a-admin EMAIL] [--a-clinician EMAIL] [--a-patient EMAIL] [--b-admin EMAIL] [--b-clinician EMAIL] [--b-patient EMAIL]
The signing key defaults to INTERNAL_SIGNING_KEY, the password to PROBE_PASSWORD or the demo password.
Exits 1 on any leak, 2 on a usage or setup error.`;

function clinic(slug: string, values: Record<string, unknown>, side: 'a' | 'b'): ClinicUnderTest {
  const emails = demoEmails(slug);
  const pick = (key: string, fallback: string) => (typeof values[`${side}-${key}`] === 'string' ? (values[`${side}-${key}`] as string) : fallback);
  return { slug, emails: { TENANT_ADMIN: pick('admin', emails.TENANT_ADMIN), CLINICIAN: pick('clinician', emails.CLINICIAN), PATIENT: pick('patient', emails.PATIENT) } };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      gateway: { type: 'string' },
      subgraph: { type: 'string', multiple: true },
      'signing-key': { type: 'string' },
      'tenant-a': { type: 'string', default: 'sunrise' },
      'tenant-b': { type: 'string', default: 'lotus' },
      password: { type: 'string' },
      ...Object.fromEntries(['a', 'b'].flatMap((s) => ['admin', 'clinician', 'patient'].map((r) => [`${s}-${r}`, { type: 'string' as const }]))),
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.gateway) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const subgraphs = (values.subgraph ?? []).map((pair) => {
    const [name, url] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    if (!name || !url) throw new Error(`--subgraph takes name=URL, got ${pair}`);
    return { name, url };
  });
  const key = values['signing-key'] ?? process.env.INTERNAL_SIGNING_KEY;
  const report = await runProbe({
    gateway: values.gateway,
    subgraphs,
    attacker: clinic(values['tenant-a']!, values, 'a'),
    victim: clinic(values['tenant-b']!, values, 'b'),
    password: values.password ?? process.env.PROBE_PASSWORD ?? DEMO_PASSWORD,
    signingKey: key ? new TextEncoder().encode(key) : null,
  });
  console.log(formatReport(report));
  return report.leaks > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`probe: ${(error as Error).message}`);
    process.exit(2);
  },
);
