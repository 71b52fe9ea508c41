import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database, DatabaseHandle } from "./database";
import * as schema from "./schema";

export interface PostgresOptions {
  url: string;
  /** Pool size; keep it small per process, PostgreSQL's connections are expensive. */
  max?: number;
}

export function connectPostgres(options: PostgresOptions): DatabaseHandle {
  const client = postgres(options.url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: "hexabase-kaas" },
  });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Database;
  return {
    db,
    kind: "postgres",
    url: options.url,
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}
