/**
 * `npm run bench [-- audit|dashboard] [options]`: picks a benchmark by its first
 * argument (default `audit`, the audit trail's cost); the rest are its options.
 */
const BENCHES: Record<string, string> = { audit: './auditTrail', dashboard: './dashboard' };

const [first] = process.argv.slice(2);
const chosen = first && !first.startsWith('-') ? first : 'audit';
if (!BENCHES[chosen]) {
  console.error(`unknown bench ${chosen}: one of ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
// Each bench reads its own options from argv: drop the bench's name first.
if (chosen === first) process.argv.splice(2, 1);
void import(BENCHES[chosen]!);
