import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import type { Database, DatabaseHandle } from "./database";
import * as schema from "./schema";

/**
 * PostgreSQL compiled to WebAssembly, in this process. `dataDir` undefined keeps it in memory.
 * One process owns a PGlite directory at a time, which is why embedded mode is a single process.
 */
export async function connectPglite(options: { dataDir?: string }): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir);
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await client.close();
    },
  };
}
