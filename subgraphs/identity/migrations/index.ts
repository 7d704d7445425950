import { Migration20261204000000Init } from './Migration20261204000000Init';
import { Migration20261204020000ClinicProfile } from './Migration20261204020000ClinicProfile';
import { Migration20261204030000SignIn } from './Migration20261204030000SignIn';
import { Migration20261204050000ApplicationRole } from './Migration20261204050000ApplicationRole';

/** Applied in this order; never edit one that has shipped, add a new one. */
export const migrations = [
  { name: 'Migration20261204000000Init', class: Migration20261204000000Init },
  { name: 'Migration20261204020000ClinicProfile', class: Migration20261204020000ClinicProfile },
  { name: 'Migration20261204030000SignIn', class: Migration20261204030000SignIn },
  { name: 'Migration20261204050000ApplicationRole', class: Migration20261204050000ApplicationRole },
];
