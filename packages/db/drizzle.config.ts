import { defineConfig } from "drizzle-kit";

// Used only by `npm run db:generate` to write SQL migrations from the schema; the app applies
// them with its own migrator (src/migrate.ts), never with drizzle-kit push.
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/db/src/schema/index.ts",
  out: "./packages/db/migrations",
  strict: true,
  verbose: true,
});
