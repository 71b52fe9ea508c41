import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { DatabaseHandle } from "./database";
import { selectRows } from "./select-rows";

export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

/** Arbitrary constant: the key of the advisory lock that serializes concurrent migrators. */
const MIGRATION_LOCK_KEY = 724_318_001;

/**
 * Applies the committed SQL migrations that have not run yet (drizzle records each one in
 * `drizzle.__drizzle_migrations`), so running it again is a cheap no-op. On PostgreSQL a
 * session-level advisory lock, held on a side connection, makes two processes starting at once
 * take turns instead of racing on the same DDL.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<{ applied: number }> {
  const before = await appliedMigrationCount(handle);
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return { applied: (await appliedMigrationCount(handle)) - before };
  }
  if (!handle.url) throw new Error("a PostgreSQL handle must carry its URL to be migrated");
  const lock = postgres(handle.url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  } finally {
    // Closing the session releases the lock even if the unlock is never reached.
    await lock.end({ timeout: 5 });
  }
  return { applied: (await appliedMigrationCount(handle)) - before };
}

/** How many migrations drizzle has recorded as applied (0 on a fresh database). */
async function appliedMigrationCount(handle: DatabaseHandle): Promise<number> {
  const exists = await selectRows<{ name: string | null }>(handle.db, sql`select to_regclass('drizzle.__drizzle_migrations') as name`);
  if (!exists[0]?.name) return 0;
  const counted = await selectRows<{ count: number }>(handle.db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
  return Number(counted[0]?.count ?? 0);
}
