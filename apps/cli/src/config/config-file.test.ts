import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../cli-error";
import { loadConfigFile, saveConfigFile, updateConfigFile } from "./config-file";

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hks-config-"));
  path = join(dir, "nested", "hks", "config.json");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (p: string) => (await stat(p)).mode & 0o777;

/** A complete stored credential, as `hks login` writes one. */
const credential = (accessToken: string) => ({
  accessToken,
  expiresAt: "2030-01-01T00:00:00.000Z",
  refreshToken: `refresh-${accessToken}`,
  refreshExpiresAt: "2030-01-07T00:00:00.000Z",
});

describe("loadConfigFile", () => {
  it("returns an empty config when the file does not exist", async () => {
    await expect(loadConfigFile(path)).resolves.toEqual({});
  });

  it("round-trips what saveConfigFile wrote", async () => {
    const config = {
      apiUrl: "https://kaas.example.com",
      deviceId: "abcdefghijklmnop_-0123456789",
      credentials: { "https://kaas.example.com": credential("at") },
    };
    await saveConfigFile(path, config);
    await expect(loadConfigFile(path)).resolves.toEqual(config);
  });

  it("rejects unknown keys, naming them and the known ones", async () => {
    await saveConfigFile(path, {});
    await writeFile(path, JSON.stringify({ apiUrl: "http://a", "api-url": "http://b", colour: "blue" }));
    const error = await loadConfigFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toBe(
      `config file ${path} is invalid: unknown keys "api-url", "colour" (known keys: apiUrl, deviceId, credentials); fix or remove it`,
    );
  });

  it("rejects a non-http(s) apiUrl with the field and the reason", async () => {
    await saveConfigFile(path, {});
    await writeFile(path, JSON.stringify({ apiUrl: "ftp://files.example" }));
    await expect(loadConfigFile(path)).rejects.toThrow(/is invalid: apiUrl: "ftp:\/\/files.example" must use http/);
  });

  it("rejects malformed credentials with the path of the bad field", async () => {
    await saveConfigFile(path, {});
    await writeFile(path, JSON.stringify({ credentials: { "http://a": { accessToken: "", extra: 1 } } }));
    const message = await loadConfigFile(path).then(
      () => "",
      (e: unknown) => (e as Error).message,
    );
    expect(message).toContain('unknown key "extra" in credentials.http://a');
    expect(message).toContain("credentials.http://a.accessToken:");
  });

  it("rejects invalid JSON and a non-object document", async () => {
    await saveConfigFile(path, {});
    await writeFile(path, "{ apiUrl: ");
    await expect(loadConfigFile(path)).rejects.toThrow(/is not valid JSON .*; fix or remove it/);
    await writeFile(path, "[]");
    await expect(loadConfigFile(path)).rejects.toThrow(/is invalid: /);
  });

  it("reports an unreadable file as a user error, not a missing one", async () => {
    await saveConfigFile(path, {});
    await rm(path);
    await mkdir(path); // a directory where the file should be: EISDIR
    await expect(loadConfigFile(path)).rejects.toThrow(CliError);
  });
});

describe("saveConfigFile", () => {
  it("creates the directory 0700 and the file 0600", async () => {
    // The permissive-umask case needs a process of its own: see test/cli.int.test.ts.
    await saveConfigFile(path, { apiUrl: "http://a:1" });
    expect(await mode(path)).toBe(0o600);
    expect(await mode(join(dir, "nested", "hks"))).toBe(0o700);
  });

  it("replaces a file that was more permissive with a 0600 one", async () => {
    await saveConfigFile(path, { apiUrl: "http://a:1" });
    await chmod(path, 0o644);
    await saveConfigFile(path, { apiUrl: "http://b:2" });
    expect(await mode(path)).toBe(0o600);
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual({ apiUrl: "http://b:2" });
  });

  it("writes via a temporary file and leaves none behind", async () => {
    await saveConfigFile(path, { apiUrl: "http://a:1" });
    await saveConfigFile(path, { apiUrl: "http://b:2" });
    expect(await readdir(join(dir, "nested", "hks"))).toEqual(["config.json"]);
  });

  it("refuses to write an invalid config and leaves the old file intact", async () => {
    await saveConfigFile(path, { apiUrl: "http://a:1" });
    await expect(saveConfigFile(path, { apiUrl: "nope" })).rejects.toThrow(/refusing to write an invalid config/);
    await expect(loadConfigFile(path)).resolves.toEqual({ apiUrl: "http://a:1" });
  });

  it("stores the normalized URL", async () => {
    await saveConfigFile(path, { apiUrl: "HTTP://Example.com:80/" });
    expect(await readFile(path, "utf8")).toBe('{\n  "apiUrl": "http://example.com"\n}\n');
  });
});

describe("updateConfigFile", () => {
  it("keeps keys it does not touch (tokens survive a settings change)", async () => {
    const credentials = { "http://a:1": credential("secret") };
    await saveConfigFile(path, { apiUrl: "http://a:1", credentials });
    await updateConfigFile(path, (config) => ({ ...config, apiUrl: "http://b:2" }));
    await expect(loadConfigFile(path)).resolves.toEqual({ apiUrl: "http://b:2", credentials });
  });
});
