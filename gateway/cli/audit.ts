/**
 * `npm run audit:verify`: walks every audit chain and names the first broken link (exit 1 if any).
 * `npm run audit:retention`: purges events past their retain-until date and reports counts per class.
 */
import { auditSubgraph } from '../../subgraphs/audit';
import { purgeExpiredAuditEvents, verifyAuditChains } from '../../subgraphs/audit/chain';
import { loadConfig } from '../../subgraphs/kit/config';
import { uuidv7 } from '../../subgraphs/kit/ids';
import { createOrm } from '../../subgraphs/kit/orm';

async function main(): Promise<number> {
  const mode = process.argv[2];
  if (mode !== 'verify' && mode !== 'retention') {
    console.error('usage: audit.ts verify|retention');
    return 2;
  }
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) {
    console.error('DATABASE_URL is required');
    return 2;
  }
  const orm = await createOrm({ clientUrl: databaseUrl, schema: 'audit', entities: auditSubgraph.entities, migrations: auditSubgraph.migrations, poolMax: 1 });
  try {
    const connection = orm.em.getConnection();
    if (mode === 'verify') {
      console.log('verifying audit chains...');
      const report = await verifyAuditChains(connection);
      console.log(`${report.chains} chain(s), ${report.events} event(s) checked`);
      for (const link of report.broken) console.log(`BROKEN chain ${link.chain} at seq ${link.seq}: ${link.reason}`);
      console.log(report.broken.length === 0 ? 'every chain verifies' : `${report.broken.length} broken chain(s)`);
      return report.broken.length === 0 ? 0 : 1;
    }
    console.log('purging audit events past their retain-until date...');
    const counts = await purgeExpiredAuditEvents(connection, `retention-${uuidv7()}`);
    for (const [auditClass, purged] of Object.entries(counts)) console.log(`  ${auditClass.padEnd(9)} ${purged} purged`);
    console.log(`${Object.values(counts).reduce((a, b) => a + b, 0)} event(s) purged; the purge itself is recorded as audit.retentionPurge`);
    return 0;
  } finally {
    await orm.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
