import { Migration20261204000000Init } from './Migration20261204000000Init';
import { Migration20261204030000ConsentArtefact } from './Migration20261204030000ConsentArtefact';

/** Applied in this order; never edit one that has shipped, add a new one. */
export const migrations = [
  { name: 'Migration20261204000000Init', class: Migration20261204000000Init },
  { name: 'Migration20261204030000ConsentArtefact', class: Migration20261204030000ConsentArtefact },
];
