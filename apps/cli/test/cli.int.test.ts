import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PLATFORM_VERSION } from "@hks/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort, repoRoot, startApiServer, type RunningApiServer } from "./api-server-process";
import { hksBin, runHks } from "./run-hks";

// The real `bin/hks` launcher as a subprocess against the real API as a subprocess (embedded mode).

let api: RunningApiServer;
let workDir: string;
let configDir: string;

beforeAll(async () => {
  api = await startApiServer();
});
afterAll(async () => {
  await api?.stop();
});

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), "hks-cli-int-"));
  configDir = join(workDir, "config");
  return () => rm(workDir, { recursive: true, force: true });
});

const hks = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runHks(args, { cwd: workDir, env: { HKS_CONFIG_DIR: configDir, ...env } });

describe("hks version against the running API", () => {
  it("--json reports the CLI version and the version the server itself reports", async () => {
    const served = (await (await fetch(`${api.url}/api/v1/version`)).json()) as unknown;
    expect(served).toEqual({ version: PLATFORM_VERSION, apiVersion: "v1" });

    const result = await hks(["version", "--json"], { HKS_API_URL: api.url });
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toEqual({
      client: { version: PLATFORM_VERSION },
      server: { url: api.url, status: "ok", ...(served as object) },
    });
  });

  it("prints both versions for people", async () => {
    const result = await hks(["--api-url", api.url, "version"]);
    expect(result).toEqual({
      exitCode: 0,
      stdout: `Client version: ${PLATFORM_VERSION}\nServer version: ${PLATFORM_VERSION} (API v1 at ${api.url})\n`,
      stderr: "",
    });
  });

  it("uses the API URL saved with `hks config set`, which is written 0600 even under umask 000", async () => {
    const set = await runHks(["-c", 'umask 000 && exec "$0" config set api-url "$1"', hksBin, `${api.url}/`], {
      cwd: workDir,
      command: "/bin/sh",
      env: { HKS_CONFIG_DIR: configDir },
    });
    expect(set).toEqual({ exitCode: 0, stdout: `api-url set to ${api.url} in ${configDir}/config.json\n`, stderr: "" });
    expect((await stat(join(configDir, "config.json"))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(configDir, "config.json"), "utf8"))).toEqual({ apiUrl: api.url });

    const version = await hks(["version", "--json"]);
    expect(version.exitCode).toBe(0);
    expect(JSON.parse(version.stdout).server).toMatchObject({ url: api.url, status: "ok", version: PLATFORM_VERSION });
  });

  it("reports an error answer from the API with its code and request id, and still exits 0", async () => {
    // A path prefix the API does not serve: the server answers with its 404 error envelope.
    const result = await hks(["version", "--json", "--api-url", `${api.url}/not-the-api`]);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    const { server } = JSON.parse(result.stdout);
    expect(server).toMatchObject({ url: `${api.url}/not-the-api`, status: "error", code: "NOT_FOUND" });
    expect(server.requestId).toEqual(expect.any(String));
    expect(server.requestId.length).toBeGreaterThan(0);
  });
});

describe("hks version when the API is unreachable", () => {
  it("--json says so, keeps the CLI version and exits 0", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await hks(["version", "--json"], { HKS_API_URL: closed });
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toEqual({
      client: { version: PLATFORM_VERSION },
      server: { url: closed, status: "unreachable", reason: "connection refused (ECONNREFUSED)" },
    });
  });

  it("tells people in plain words", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await hks(["--api-url", closed, "version"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      `Client version: ${PLATFORM_VERSION}\nServer version: unknown; the API at ${closed} is unreachable: connection refused (ECONNREFUSED)\n`,
    );
  });
});

describe("hks errors and installation", () => {
  it("prints a user error as one line on stderr, exit 1, with the stack only under HKS_DEBUG=1", async () => {
    const plain = await hks(["config", "set", "api-url", "localhost:8080"]);
    expect(plain).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: 'error: invalid api-url: "localhost:8080" must use http:// or https://\n',
    });

    const debug = await hks(["config", "set", "api-url", "localhost:8080"], { HKS_DEBUG: "1" });
    expect(debug.exitCode).toBe(1);
    expect(debug.stderr).toMatch(/^error: invalid api-url: .*\nCliError: .*\n\s+at /);
  });

  it("runs through the node_modules/.bin link that `npx hks` uses", async () => {
    const result = await runHks(["--version"], { cwd: workDir, command: join(repoRoot, "node_modules/.bin/hks") });
    expect(result).toEqual({ exitCode: 0, stdout: `${PLATFORM_VERSION}\n`, stderr: "" });
  });
});
