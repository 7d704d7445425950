import { Migration20261204000000Init } from './Migration20261204000000Init';
import { Migration20261204010000AppendOnlyChain } from './Migration20261204010000AppendOnlyChain';
import { Migration20261204030000TargetIndexes } from './Migration20261204030000TargetIndexes';
import { Migration20261204040000CommitTimeChain } from './Migration20261204040000CommitTimeChain';
import { Migration20261204060000RowLevelSecurity } from './Migration20261204060000RowLevelSecurity';

/** Applied in this order; never edit one that has shipped, add a new one. */
export const migrations = [
  { name: 'Migration20261204000000Init', class: Migration20261204000000Init },
  { name: 'Migration20261204010000AppendOnlyChain', class: Migration20261204010000AppendOnlyChain },
  { name: 'Migration20261204030000TargetIndexes', class: Migration20261204030000TargetIndexes },
  { name: 'Migration20261204040000CommitTimeChain', class: Migration20261204040000CommitTimeChain },
  { name: 'Migration20261204060000RowLevelSecurity', class: Migration20261204060000RowLevelSecurity },
];
