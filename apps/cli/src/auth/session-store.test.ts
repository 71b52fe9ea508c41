import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfigFile, saveConfigFile } from "../config/config-file";
import { ensureDeviceId, readSignIn, saveCredential, withoutCredential } from "./session-store";

let dir: string;
let configFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hks-session-store-"));
  configFile = join(dir, "hks", "config.json");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const credential = (name: string) => ({
  accessToken: `access-${name}`,
  expiresAt: "2030-01-01T00:15:00.000Z",
  refreshToken: `refresh-${name}`,
  refreshExpiresAt: "2030-01-02T00:00:00.000Z",
});
const fileContents = async () => JSON.parse(await readFile(configFile, "utf8")) as Record<string, unknown>;

describe("device id", () => {
  it("is created once per config file, random base64url of 32 characters, and then kept", async () => {
    const first = await ensureDeviceId(configFile);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await ensureDeviceId(configFile)).toBe(first);
    expect((await fileContents()).deviceId).toBe(first);

    const otherFile = join(dir, "other", "config.json");
    expect(await ensureDeviceId(otherFile)).not.toBe(first);
  });

  it("keeps the other settings when it is added", async () => {
    await saveConfigFile(configFile, { apiUrl: "https://kaas.example.com" });
    await ensureDeviceId(configFile);
    expect(await fileContents()).toMatchObject({ apiUrl: "https://kaas.example.com" });
  });

  it("concurrent first uses agree on one id", async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => ensureDeviceId(configFile)));
    expect(new Set(ids).size).toBe(1);
  });
});

describe("stored credentials", () => {
  it("are kept per API URL with the device id, in a 0600 file", async () => {
    const deviceId = await ensureDeviceId(configFile);
    await saveCredential(configFile, "https://a.example", deviceId, credential("a"));
    await saveCredential(configFile, "https://b.example", deviceId, credential("b"));

    expect(await readSignIn(configFile, "https://a.example")).toEqual({ apiUrl: "https://a.example", deviceId, credential: credential("a") });
    expect((await readSignIn(configFile, "https://b.example"))?.credential).toEqual(credential("b"));
    expect(await readSignIn(configFile, "https://c.example")).toBeUndefined();
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);
  });

  it("replaces the credential for the same API URL", async () => {
    const deviceId = await ensureDeviceId(configFile);
    await saveCredential(configFile, "https://a.example", deviceId, credential("old"));
    await saveCredential(configFile, "https://a.example", deviceId, credential("new"));
    expect((await readSignIn(configFile, "https://a.example"))?.credential).toEqual(credential("new"));
  });

  it("removes one API URL's credential, keeps the others, and drops an empty section", async () => {
    const deviceId = await ensureDeviceId(configFile);
    await saveCredential(configFile, "https://a.example", deviceId, credential("a"));
    await saveCredential(configFile, "https://b.example", deviceId, credential("b"));
    const config = await loadConfigFile(configFile);

    const withoutA = withoutCredential(config, "https://a.example");
    expect(withoutA.credentials).toEqual({ "https://b.example": credential("b") });
    expect(withoutCredential(withoutA, "https://b.example")).toEqual({ deviceId });
    expect(withoutCredential(config, "https://c.example")).toBe(config);
  });

  it("are unusable without the device id they are bound to", async () => {
    await saveConfigFile(configFile, { credentials: { "https://a.example": credential("a") } });
    expect(await readSignIn(configFile, "https://a.example")).toBeUndefined();
  });

  it("are not saved when the file's device id changed during the sign-in", async () => {
    await ensureDeviceId(configFile);
    await expect(saveCredential(configFile, "https://a.example", "another-device-id-0000", credential("a"))).rejects.toThrow(
      /device id .* changed during sign-in/,
    );
    expect((await fileContents()).credentials).toBeUndefined();
  });
});
