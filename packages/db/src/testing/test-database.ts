import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { connectPostgres } from "../connect-postgres";
import type { DatabaseHandle } from "../database";
import { migrateDatabase, migrationsFolder } from "../migrate";

/**
 * Each test file gets its own PostgreSQL database, cloned from a template that was migrated once.
 * Cloning takes milliseconds where migrating takes seconds, and separate databases let vitest run
 * files in parallel without tests seeing each other's rows.
 */

function adminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: integration tests need PostgreSQL. Run them through `npm test`, " +
        "or start the services with `scripts/services.sh up` and `eval \"$(scripts/services.sh env)\"`.",
    );
  }
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The template's name changes whenever a migration changes, so a stale template is never used. */
export function templateDatabaseName(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    if (file.endsWith(".sql") || file.endsWith(".json")) {
      hash.update(file);
      hash.update(readFileSync(path.join(migrationsFolder, file)));
    }
  }
  return `hks_template_${hash.digest("hex").slice(0, 12)}`;
}

/** Creates and migrates the template database if it does not exist yet (vitest global setup). */
export async function prepareTemplateDatabase(): Promise<string> {
  const name = templateDatabaseName();
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin`select pg_advisory_lock(724318002)`;
    const existing = await admin`select 1 from pg_database where datname = ${name}`;
    if (existing.length === 0) {
      await admin.unsafe(`create database "${name}"`);
      const handle = connectPostgres({ url: withDatabase(adminUrl(), name), max: 1 });
      try {
        await migrateDatabase(handle);
      } finally {
        await handle.close();
      }
    }
    await admin`select pg_advisory_unlock(724318002)`;
  } finally {
    await admin.end({ timeout: 5 });
  }
  return name;
}

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = templateDatabaseName();
  const name = `hks_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl(), name);
  const handle = connectPostgres({ url, max: 5 });
  return {
    ...handle,
    url,
    name,
    async destroy() {
      await handle.close();
      const dropper = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
