import type { Database, schema } from "@hks/db";
import type { SQL } from "drizzle-orm";

/**
 * How many rows match, reading at most `limit` + 1: enough to compare with a plan limit, and
 * bounded however many rows the table holds (no COUNT(*) over an organization's workspaces).
 */
export async function countUpTo(db: Database, table: typeof schema.workspaces | typeof schema.projects, where: SQL | undefined, limit: number): Promise<number> {
  const rows = await db.select({ id: table.id }).from(table).where(where).limit(limit + 1);
  return rows.length;
}
