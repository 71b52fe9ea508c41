import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Picks a loopback port nothing listens on (the OS hands out a free one; we release it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("could not allocate a port");
  return address.port;
}

export interface RunningApiServer {
  url: string;
  stop: () => Promise<void>;
}

export interface ApiServerOptions {
  readyTimeoutMs?: number;
  /** Listen here instead of a fresh free port (when something must know the URL in advance). */
  port?: number;
  /** Extra settings for the API, applied last. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the real API (`apps/api/src/main.ts`) as a child process in embedded mode: a fresh state
 * directory, a free loopback port, and no service URLs, so it needs nothing else running.
 * Resolves once `/health` answers 200; fails with the server's output if it exits or never does.
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<RunningApiServer> {
  const stateDir = await mkdtemp(join(tmpdir(), "hks-cli-api-state-"));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HKS_STATE_DIR: stateDir,
    HKS_HOST: "127.0.0.1",
    HKS_PORT: String(port),
    HKS_LOG_LEVEL: "warn",
  };
  for (const name of ["DATABASE_URL", "REDIS_URL", "NATS_URL", "HKS_PUBLIC_URL"]) delete env[name];
  Object.assign(env, options.env);

  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    await stopChild(child, exited);
    await rm(stateDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the API exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
    }
    const healthy = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`the API did not answer /health at ${url} in time:\n${output}`);
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killTimer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(killTimer);
}
