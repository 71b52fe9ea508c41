import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/**
 * The database handle services receive. Both drivers (postgres.js for PostgreSQL, PGlite for the
 * embedded mode) produce this type, so no service knows which one it runs on.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  /** The connection URL (PostgreSQL only); migrations use it to hold a lock on a side connection. */
  url?: string;
  /** Round-trips to the server; used by readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
