import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCliEnvironment } from "./cli-environment";
import { runCli } from "./cli-program";

let configDir: string;

beforeEach(async () => {
  configDir = await mkdtemp(join(tmpdir(), "hks-cli-"));
});
afterEach(async () => {
  await rm(configDir, { recursive: true, force: true });
});

const storedCredential = (accessToken: string) => ({
  accessToken,
  expiresAt: "2030-01-01T00:00:00.000Z",
  refreshToken: "top-secret-refresh",
  refreshExpiresAt: "2030-01-07T00:00:00.000Z",
});

/** Runs `hks <args>` in-process with HKS_CONFIG_DIR pointing at the temp directory. */
async function hks(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(args, {
    environment: readCliEnvironment({ HKS_CONFIG_DIR: configDir, ...env }, "/nonexistent-home"),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    fetch: () => Promise.reject(new Error("these tests make no HTTP calls")),
  });
  return { exitCode, stdout, stderr };
}

describe("readCliEnvironment", () => {
  it("locates the config file from HKS_CONFIG_DIR, XDG_CONFIG_HOME or the home directory", () => {
    expect(readCliEnvironment({ HKS_CONFIG_DIR: "/c", XDG_CONFIG_HOME: "/x" }, "/h").configFile).toBe("/c/config.json");
    expect(readCliEnvironment({ HKS_CONFIG_DIR: "", XDG_CONFIG_HOME: "/x" }, "/h").configFile).toBe("/x/hks/config.json");
    expect(readCliEnvironment({}, "/h").configFile).toBe("/h/.config/hks/config.json");
  });

  it("reads HKS_API_URL (empty means unset) and HKS_DEBUG", () => {
    expect(readCliEnvironment({ HKS_API_URL: "http://a" }, "/h")).toMatchObject({ apiUrl: "http://a", debug: false });
    expect(readCliEnvironment({ HKS_API_URL: "", HKS_DEBUG: "1" }, "/h")).toMatchObject({ apiUrl: undefined, debug: true });
  });
});

describe("hks config", () => {
  it("path prints the file location without creating it", async () => {
    expect(await hks(["config", "path"])).toEqual({ exitCode: 0, stdout: `${configDir}/config.json\n`, stderr: "" });
    await expect(stat(join(configDir, "config.json"))).rejects.toThrow(/ENOENT/);
  });

  it("set saves a normalized api-url that get then reports as coming from the config file", async () => {
    const set = await hks(["config", "set", "api-url", "https://kaas.example.com/"]);
    expect(set).toMatchObject({ exitCode: 0, stderr: "" });
    expect(JSON.parse(await readFile(join(configDir, "config.json"), "utf8"))).toEqual({
      apiUrl: "https://kaas.example.com",
    });

    expect(await hks(["config", "get", "api-url"])).toEqual({ exitCode: 0, stdout: "https://kaas.example.com\n", stderr: "" });
    expect(await hks(["config", "get"])).toMatchObject({ stdout: "api-url = https://kaas.example.com (config)\n" });
  });

  it("get applies the precedence --api-url > HKS_API_URL > config file > default", async () => {
    const get = async (args: string[], env?: NodeJS.ProcessEnv) =>
      JSON.parse((await hks([...args, "config", "get", "api-url", "--json"], env)).stdout) as unknown;

    expect(await get([])).toEqual({ key: "api-url", value: "http://127.0.0.1:8080", source: "default" });
    await hks(["config", "set", "api-url", "http://file.example"]);
    expect(await get([])).toEqual({ key: "api-url", value: "http://file.example", source: "config" });
    expect(await get([], { HKS_API_URL: "http://env.example" })).toEqual({
      key: "api-url",
      value: "http://env.example",
      source: "env",
    });
    expect(await get(["--api-url", "http://flag.example"], { HKS_API_URL: "http://env.example" })).toEqual({
      key: "api-url",
      value: "http://flag.example",
      source: "flag",
    });
  });

  it("set notes when the saved value is shadowed by HKS_API_URL", async () => {
    const result = await hks(["config", "set", "api-url", "http://file.example"], { HKS_API_URL: "http://env.example" });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe("note: HKS_API_URL is set and overrides the config file\n");
  });

  it("unset removes the key and keeps the rest of the file", async () => {
    const credentials = { "http://a.example": storedCredential("secret") };
    await writeFile(join(configDir, "config.json"), JSON.stringify({ apiUrl: "http://a.example", credentials }));
    expect(await hks(["config", "unset", "api-url"])).toMatchObject({ exitCode: 0 });
    expect(JSON.parse(await readFile(join(configDir, "config.json"), "utf8"))).toEqual({ credentials });
    expect(await hks(["config", "unset", "api-url"])).toMatchObject({ exitCode: 0, stdout: expect.stringContaining("is not set") });
  });

  it("never prints stored credentials", async () => {
    await writeFile(
      join(configDir, "config.json"),
      JSON.stringify({ credentials: { "http://127.0.0.1:8080": storedCredential("top-secret-token") } }),
    );
    const result = await hks(["config", "get", "--json"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toContain("top-secret-token");
    expect(await hks(["config", "get", "credentials"])).toMatchObject({ exitCode: 1 });
  });

  it.each([
    [["config", "set", "api-url", "ftp://x"], 'error: invalid api-url: "ftp://x" must use http:// or https://\n'],
    [["config", "set", "colour", "blue"], 'error: unknown config key "colour" (known keys: api-url)\n'],
    [["config", "get", "colour"], 'error: unknown config key "colour" (known keys: api-url)\n'],
    [["--api-url", "nope", "config", "get"], 'error: invalid API URL from --api-url: "nope" is not a URL; expected e.g. http://127.0.0.1:8080\n'],
  ])("hks %j fails with one clear line and exit 1", async (args, message) => {
    expect(await hks(args)).toEqual({ exitCode: 1, stdout: "", stderr: message });
  });

  it("reports an invalid HKS_API_URL by name", async () => {
    const result = await hks(["config", "get"], { HKS_API_URL: "localhost:8080" });
    expect(result).toMatchObject({ exitCode: 1, stdout: "" });
    expect(result.stderr).toMatch(/^error: invalid API URL from HKS_API_URL: "localhost:8080" must use http/);
  });

  it("refuses to work on a config file with unknown keys and says which", async () => {
    await writeFile(join(configDir, "config.json"), JSON.stringify({ apiUrl: "http://a.example", api_url: "x" }));
    for (const args of [["config", "get"], ["config", "set", "api-url", "http://b.example"], ["version"]]) {
      const result = await hks(args);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe(
        `error: config file ${configDir}/config.json is invalid: unknown key "api_url" (known keys: apiUrl, deviceId, credentials); fix or remove it\n`,
      );
    }
    // The bad file was not overwritten by the failed `set`.
    expect(JSON.parse(await readFile(join(configDir, "config.json"), "utf8"))).toEqual({ apiUrl: "http://a.example", api_url: "x" });
  });
});

describe("hks (commander wiring)", () => {
  it("exits 0 for --help and --version, 1 for an unknown command", async () => {
    expect(await hks(["--help"])).toMatchObject({ exitCode: 0, stdout: expect.stringContaining("Usage: hks") });
    expect(await hks(["--version"])).toEqual({ exitCode: 0, stdout: "0.1.0\n", stderr: "" });
    expect(await hks(["nope"])).toMatchObject({ exitCode: 1, stderr: "error: unknown command 'nope'\n" });
  });
});
