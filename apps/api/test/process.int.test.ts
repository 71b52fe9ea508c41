import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrationsFolder } from "@hks/db";
import { createTestDatabase } from "@hks/db/testing";
import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { freePort } from "./support/child-process";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const mainPath = path.join(repoRoot, "apps/api/src/main.ts");


interface Run {
  exitCode: Promise<number | null>;
  output: () => string;
  kill: (signal: NodeJS.Signals) => void;
}

function runApi(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ["--import", "tsx", mainPath], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    exitCode: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    output: () => output,
    kill: (signal) => child.kill(signal),
  };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

describe("the api process", () => {
  const stateDirs: string[] = [];
  afterAll(() => stateDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("exits non-zero naming a bad variable", async () => {
    const run = runApi({ HKS_PORT: "eighty" });
    expect(await run.exitCode).toBe(78);
    expect(run.output()).toContain("HKS_PORT");
  });

  it("exits non-zero naming a service URL with the wrong scheme", async () => {
    const run = runApi({ DATABASE_URL: "mysql://x", REDIS_URL: "redis://127.0.0.1:1", NATS_URL: "nats://127.0.0.1:1" });
    expect(await run.exitCode).toBe(78);
    expect(run.output()).toMatch(/DATABASE_URL: must be a URL starting with postgres:/);
  });

  it("starts in services mode, reports every dependency ready, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    // Its own database and state directory: signing keys sealed by another checkout's generated
    // master key must not be what this process finds.
    const database = await createTestDatabase();
    const stateDir = mkdtempSync(path.join(tmpdir(), "hks-services-"));
    stateDirs.push(stateDir);
    onTestFinished(() => database.destroy());
    const run = runApi({
      HKS_PORT: String(port),
      HKS_STATE_DIR: stateDir,
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL ?? "",
      NATS_URL: process.env.NATS_URL ?? "",
    });
    await waitForHealth(`http://127.0.0.1:${port}/health`, 60_000);
    const readiness = await (await fetch(`http://127.0.0.1:${port}/readyz`)).json();
    expect(readiness).toMatchObject({
      status: "ready",
      checks: { database: { status: "ok" }, redis: { status: "ok" }, nats: { status: "ok" }, events: { status: "ok" } },
    });
    run.kill("SIGTERM");
    expect(await run.exitCode).toBe(0);
    expect(run.output()).toContain('"msg":"stopped"');
  });

  it("starts embedded with data persisted under the state directory, and migrates only once", async () => {
    const committedMigrations = (JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
    const stateDir = mkdtempSync(path.join(tmpdir(), "hks-embedded-"));
    stateDirs.push(stateDir);
    for (let attempt = 1; attempt <= 2; attempt++) {
      const port = await freePort();
      const run = runApi({ HKS_PORT: String(port), HKS_STATE_DIR: stateDir });
      await waitForHealth(`http://127.0.0.1:${port}/health`, 60_000);
      run.kill("SIGINT");
      expect(await run.exitCode).toBe(0);
      const ready = run.output().split("\n").find((line) => line.includes('"msg":"database ready"'));
      expect(JSON.parse(ready ?? "{}")).toMatchObject({ database: "pglite", migrationsApplied: attempt === 1 ? committedMigrations : 0 });
    }
  }, 90_000); // two cold starts of PGlite and the API
});
