import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../kit/errors';

/** A supplier or recipient as printed on an invoice. */
export interface TaxParty {
  name: string;
  address: string;
  stateCode: string;
  gstin: string | null;
}

export interface ClinicProfile extends TaxParty {
  gstin: string;
  slug: string;
}

/**
 * The clinic's registered details as they are now, read from identity.tenant at
 * issue time; the invoice keeps a copy, so a later move or rename never alters it.
 * Only the caller's own tenant is read.
 */
export async function readClinicProfile(em: EntityManager, tenantId: string): Promise<ClinicProfile> {
  const rows = await em.execute<{ name: string; address: string; state_code: string; gstin: string; slug: string }[]>(
    'select name, address, state_code, gstin, slug from identity.tenant where id = ?',
    [tenantId],
  );
  const row = rows[0];
  if (!row) throw notFound('Tenant', tenantId);
  return { name: row.name, address: row.address, stateCode: row.state_code, gstin: row.gstin, slug: row.slug };
}
