import { BigIntType, EntitySchema } from '@mikro-orm/postgresql';
import { uuidv7 } from '../../kit/ids';
import { tenantFilter } from '../../kit/orm';

export type InvoiceStatus = 'ISSUED' | 'CANCELLED';
/** CLINIC: the clinic bills its patient; PLATFORM: the platform bills the clinic (subscription). */
export type InvoiceSupplier = 'CLINIC' | 'PLATFORM';

/**
 * A GST tax invoice (CGST Rules, rule 46), tenant-scoped. Supplier and recipient are
 * snapshots taken at issue; the row is never changed afterwards (a database trigger
 * refuses it). Money is integer paise, never a float.
 */
export interface Invoice {
  id: string;
  tenantId: string;
  supplierKind: InvoiceSupplier;
  /** The patient billed (clinic invoices only). */
  patientId: string | null;
  chargeId: string | null;
  paymentId: string | null;
  subscriptionId: string | null;
  number: string;
  /** `26-27` for 1 April 2026 to 31 March 2027. */
  financialYear: string;
  serial: number;
  issuedAt: Date;
  /** The invoice date, YYYY-MM-DD in India Standard Time. */
  issueDate: string;
  supplierName: string;
  supplierAddress: string;
  supplierGstin: string;
  supplierStateCode: string;
  recipientName: string;
  recipientAddress: string;
  recipientGstin: string | null;
  recipientStateCode: string;
  placeOfSupplyStateCode: string;
  reverseCharge: boolean;
  taxablePaise: number;
  cgstPaise: number;
  sgstPaise: number;
  igstPaise: number;
  totalPaise: number;
  status: InvoiceStatus;
}

const money = () => ({ type: new BigIntType('number') });

export const InvoiceSchema = new EntitySchema<Invoice>({
  name: 'Invoice',
  tableName: 'invoice',
  properties: {
    id: { type: 'uuid', primary: true, onCreate: () => uuidv7() },
    tenantId: { type: 'uuid' },
    supplierKind: { type: 'text', fieldName: 'supplier' },
    patientId: { type: 'uuid', nullable: true },
    chargeId: { type: 'uuid', nullable: true },
    paymentId: { type: 'uuid', nullable: true },
    subscriptionId: { type: 'uuid', nullable: true },
    number: { type: 'text' },
    financialYear: { type: 'character', length: 5 },
    serial: { type: 'integer' },
    issuedAt: { type: 'Date' },
    issueDate: { type: 'date' },
    supplierName: { type: 'text' },
    supplierAddress: { type: 'text' },
    supplierGstin: { type: 'character', length: 15 },
    supplierStateCode: { type: 'character', length: 2 },
    recipientName: { type: 'text' },
    recipientAddress: { type: 'text' },
    recipientGstin: { type: 'character', length: 15, nullable: true },
    recipientStateCode: { type: 'character', length: 2 },
    placeOfSupplyStateCode: { type: 'character', length: 2 },
    reverseCharge: { type: 'boolean' },
    taxablePaise: money(),
    cgstPaise: money(),
    sgstPaise: money(),
    igstPaise: money(),
    totalPaise: money(),
    status: { type: 'text' },
  },
  filters: tenantFilter,
});
