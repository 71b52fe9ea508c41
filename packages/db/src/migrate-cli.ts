import { loadConfigOrExit } from "@hks/config";
import { migrateDatabase } from "./migrate";
import { openDatabase } from "./open-database";

// `npm run db:migrate`: applies pending migrations to the configured database (PostgreSQL when
// DATABASE_URL is set, else the embedded PGlite under HKS_STATE_DIR).
const config = loadConfigOrExit();
const handle = await openDatabase(config);
try {
  const started = performance.now();
  const { applied } = await migrateDatabase(handle);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`${applied} migration(s) applied to ${handle.kind} in ${ms} ms\n`);
} finally {
  await handle.close();
}
