import type { Database } from "@hks/db";
import type { SQL } from "drizzle-orm";

/**
 * Runs a raw query (recursive CTEs, which Drizzle's builder cannot express) and returns its rows.
 * postgres.js answers with an array and PGlite with `{ rows }`; services should not care which.
 */
export async function selectRows<T extends Record<string, unknown>>(db: Pick<Database, "execute">, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
