import { randomUUID } from 'node:crypto';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import { InvoiceSchema } from '../../subgraphs/billing/entities';
import { ConsentSchema } from '../../subgraphs/consent/entities';
import { findReadOnly, readOnlyChildrenByKeyLoader } from '../../subgraphs/kit/loaders';
import { scopedEntityManager } from '../../subgraphs/kit/orm';
import { PatientSchema } from '../../subgraphs/patient/entities';
import { seedTestClinic, startTestStack, type TestStack } from '../support/stack';

/** Rows read outside the unit of work: the same values as entities, the same tenant filter, the request's transaction. */
describe('read-only rows', () => {
  let stack: TestStack;
  let clinicA: Awaited<ReturnType<typeof seedTestClinic>>;
  let clinicB: Awaited<ReturnType<typeof seedTestClinic>>;

  beforeAll(async () => {
    stack = await startTestStack();
    clinicA = await seedTestClinic(stack, 4);
    clinicB = await seedTestClinic(stack, 2);
  });
  afterAll(() => stack.close());

  /** Every property of the entity as `em.find` hydrates it. */
  async function asEntities<T extends { id: string }>(em: EntityManager, entity: EntitySchema<T>, ids: string[]): Promise<Record<string, unknown>[]> {
    const found = await em.fork().find(entity, { id: { $in: ids } } as never, { orderBy: { id: 'asc' } as never });
    const props = em.getMetadata().get(entity.meta.className).props.map((p) => p.name as string);
    return found.map((row) => Object.fromEntries(props.map((p) => [p, (row as Record<string, unknown>)[p]])));
  }

  it.each([
    ['patients (sealed blobs, a date, instants)', 'patient', PatientSchema],
    ['consents (a text array, instants)', 'consent', ConsentSchema],
    ['invoices (bigint money as numbers, a renamed column)', 'billing', InvoiceSchema],
  ] as const)('gives %s the values hydration gives, as plain objects outside the unit of work', async (_what, subgraph, entity) => {
    const em = scopedEntityManager(stack.orms[subgraph], clinicA.tenantId);
    const rows = await findReadOnly<Record<string, unknown>>(em, entity as never, {}, { orderBy: { id: 'asc' } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(await asEntities(em, entity as EntitySchema<{ id: string }>, rows.map((r) => r.id as string)));
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    if (entity === InvoiceSchema) expect(typeof rows[0]!.totalPaise).toBe('number');
  });

  it("applies the tenant filter by itself (outside a transaction, so without row-level security's help)", async () => {
    const em = scopedEntityManager(stack.orms.patient, clinicA.tenantId);
    expect(await findReadOnly(em, PatientSchema, { id: clinicB.patientIds[0]! })).toEqual([]);
    expect(await findReadOnly(em, PatientSchema, { id: clinicA.patientIds[0]! })).toHaveLength(1);
    const consents = readOnlyChildrenByKeyLoader(scopedEntityManager(stack.orms.consent, clinicA.tenantId), ConsentSchema, 'patientId', { createdAt: 'desc' });
    expect(await consents.load(clinicB.patientIds[0]!)).toEqual([]);
    expect((await consents.load(clinicA.patientIds[0]!)).length).toBeGreaterThan(0);
  });

  it("reads in the request's transaction, as the application role with the caller's tenant", async () => {
    const em = scopedEntityManager(stack.orms.patient, clinicA.tenantId);
    await em.begin();
    try {
      const id = randomUUID();
      await em.execute(`insert into patient.patient (id, tenant_id, name, sex) values (?, ?, 'Uncommitted Patient', 'UNDISCLOSED')`, [id, clinicA.tenantId]);
      // Only the transaction that inserted it sees the row.
      expect(await findReadOnly(em, PatientSchema, { id })).toHaveLength(1);
      expect(await findReadOnly(scopedEntityManager(stack.orms.patient, clinicA.tenantId), PatientSchema, { id })).toEqual([]);
    } finally {
      await em.rollback();
    }
  });
});
