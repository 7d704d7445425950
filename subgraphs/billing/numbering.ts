import type { EntityManager } from '@mikro-orm/postgresql';
import { graphqlError } from '../kit/errors';
import { MAX_SERIAL } from './gstTax';

export type Series = 'INVOICE' | 'CREDIT_NOTE';

const CHECK_VIOLATION = '23514';

function exhausted(error: unknown, what: string, fy: string): never {
  if ((error as { code?: string }).code === CHECK_VIOLATION) {
    throw graphqlError('CONFLICT', `The ${what} series of financial year ${fy} is full (${MAX_SERIAL} numbers)`);
  }
  throw error;
}

/**
 * The next serial of a clinic's series in a financial year: one counter row per
 * tenant, series and year, created at 1 or bumped with UPDATE ... RETURNING inside
 * the issuing transaction. Concurrent issuers wait on the row lock, so no two get
 * the same serial; a rolled-back issue rolls the counter back, so there is no gap.
 */
export async function nextSerial(em: EntityManager, tenantId: string, series: Series, fy: string): Promise<number> {
  try {
    const [row] = await em.execute<{ last_serial: number }[]>(
      `insert into billing.document_counter as c (tenant_id, series, financial_year, last_serial) values (?, ?, ?, 1)
       on conflict (tenant_id, series, financial_year) do update set last_serial = c.last_serial + 1
       returning c.last_serial`,
      [tenantId, series, fy],
    );
    return row!.last_serial;
  } catch (error) {
    return exhausted(error, series === 'INVOICE' ? 'invoice' : 'credit note', fy);
  }
}

/** The next serial of the platform's own invoice series (one series for the whole platform). */
export async function nextPlatformSerial(em: EntityManager, fy: string): Promise<number> {
  try {
    const [row] = await em.execute<{ last_serial: number }[]>(
      `insert into billing.platform_invoice_counter as c (financial_year, last_serial) values (?, 1)
       on conflict (financial_year) do update set last_serial = c.last_serial + 1
       returning c.last_serial`,
      [fy],
    );
    return row!.last_serial;
  } catch (error) {
    return exhausted(error, 'platform invoice', fy);
  }
}
