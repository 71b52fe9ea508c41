import path from "node:path";
import { connectPglite } from "./connect-pglite";
import { connectPostgres } from "./connect-postgres";
import type { DatabaseHandle } from "./database";

/** Opens PostgreSQL when a URL is configured, otherwise the embedded PGlite under the state dir. */
export async function openDatabase(options: { databaseUrl: string | undefined; stateDir: string }): Promise<DatabaseHandle> {
  if (options.databaseUrl) return connectPostgres({ url: options.databaseUrl });
  return connectPglite({ dataDir: path.join(options.stateDir, "pglite") });
}
