import { Migration20261204000000Init } from './Migration20261204000000Init';
import { Migration20261204030000GstBilling } from './Migration20261204030000GstBilling';
import { Migration20261204050000RowLevelSecurity } from './Migration20261204050000RowLevelSecurity';
import { Migration20261204070000GstRates2025 } from './Migration20261204070000GstRates2025';

/** Applied in this order; never edit one that has shipped, add a new one. */
export const migrations = [
  { name: 'Migration20261204000000Init', class: Migration20261204000000Init },
  { name: 'Migration20261204030000GstBilling', class: Migration20261204030000GstBilling },
  { name: 'Migration20261204050000RowLevelSecurity', class: Migration20261204050000RowLevelSecurity },
  { name: 'Migration20261204070000GstRates2025', class: Migration20261204070000GstRates2025 },
];
