import type { SQL } from "drizzle-orm";
import type { Database } from "./database";

/**
 * Runs a raw query (recursive CTEs and catalogue lookups that Drizzle's builder cannot express)
 * and returns its rows. postgres.js answers `execute()` with an array and PGlite with `{ rows }`;
 * callers should not care which.
 */
export async function selectRows<T extends Record<string, unknown>>(db: Pick<Database, "execute">, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
