import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The master key comes from configuration (`HKS_MASTER_KEY`, 32 bytes in base64). Outside
 * production a missing key is generated once and kept in the state directory (mode 0600), so a
 * local platform keeps working across restarts without any set-up; production refuses to start
 * without one, because a generated key on a replica's disk would differ per replica and vanish
 * with it.
 */
export function resolveMasterKey(options: {
  configured: Buffer | undefined;
  env: "development" | "test" | "production";
  stateDir: string;
}): { key: Buffer; source: "config" | "state-dir" } {
  if (options.configured) return { key: options.configured, source: "config" };
  if (options.env === "production") {
    throw new Error("HKS_MASTER_KEY is required in production (32 random bytes, base64)");
  }
  const file = path.join(options.stateDir, "master.key");
  try {
    const key = Buffer.from(readFileSync(file, "utf8").trim(), "base64");
    if (key.length === 32) return { key, source: "state-dir" };
  } catch {
    // not created yet
  }
  const key = randomBytes(32);
  mkdirSync(options.stateDir, { recursive: true });
  writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  return { key, source: "state-dir" };
}
