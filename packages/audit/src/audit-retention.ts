import { lt, sql } from "drizzle-orm";
import { schema, type Database } from "@hks/db";

/**
 * Deletes events past their retention date in bounded batches, so a large backlog never holds a
 * long lock or a huge transaction. Returns how many rows went.
 */
export async function deleteExpiredAuditEvents(db: Database, now: Date, batchSize = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    const expired = db
      .select({ id: schema.auditEvents.id })
      .from(schema.auditEvents)
      .where(lt(schema.auditEvents.retainUntil, now))
      .limit(batchSize);
    const deleted = await db
      .delete(schema.auditEvents)
      .where(sql`${schema.auditEvents.id} in (${expired})`)
      .returning({ id: schema.auditEvents.id });
    total += deleted.length;
    if (deleted.length < batchSize) return total;
  }
}
