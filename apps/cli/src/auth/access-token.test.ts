import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfigFile, saveConfigFile } from "../config/config-file";
import type { StoredCredential } from "../config/config-schema";
import { getValidAccessToken, refreshAfterRejection } from "./access-token";
import { NotSignedInError } from "./not-signed-in-error";
import { createFakeAuthPlatform, FAKE_API_URL, FAKE_DEVICE_ID } from "./testing/fake-auth-platform";

let dir: string;
let configFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hks-access-token-"));
  configFile = join(dir, "config.json");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const store = (credential: StoredCredential) =>
  saveConfigFile(configFile, { deviceId: FAKE_DEVICE_ID, credentials: { [FAKE_API_URL]: credential } });
const stored = async () => (await loadConfigFile(configFile)).credentials?.[FAKE_API_URL];

describe("getValidAccessToken", () => {
  it("returns the stored token without a request while it has more than a minute left", async () => {
    const platform = createFakeAuthPlatform();
    await store(platform.storedCredential(61_000));
    const signIn = await getValidAccessToken({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch });
    expect(signIn).toEqual({ apiUrl: FAKE_API_URL, deviceId: FAKE_DEVICE_ID, credential: await stored() });
    expect(platform.calls.refresh).toHaveLength(0);
  });

  it("refreshes a token with less than a minute left, with the device id, and stores the new pair", async () => {
    const platform = createFakeAuthPlatform();
    const old = platform.storedCredential(59_000);
    await store(old);

    const signIn = await getValidAccessToken({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch });
    expect(platform.calls.refresh).toEqual([{ refreshToken: old.refreshToken, deviceId: FAKE_DEVICE_ID }]);
    expect(signIn.credential.accessToken).toBe("access-1");
    expect(signIn.credential.refreshToken).toBe("refresh-1");
    expect(await stored()).toEqual(signIn.credential);
  });

  it("refreshes once for many concurrent callers, who all get the new token", async () => {
    const platform = createFakeAuthPlatform({ refreshDelayMs: 50 });
    await store(platform.storedCredential(1_000));

    const results = await Promise.all(
      Array.from({ length: 10 }, () => getValidAccessToken({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch })),
    );
    expect(platform.calls.refresh).toHaveLength(1);
    expect(new Set(results.map((result) => result.credential.accessToken))).toEqual(new Set(["access-1"]));
    expect(platform.sessionAlive).toBe(true);
  });

  it("says to sign in when nothing is stored, without a request", async () => {
    const platform = createFakeAuthPlatform();
    await expect(getValidAccessToken({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch })).rejects.toThrow(
      new NotSignedInError(FAKE_API_URL),
    );
    expect(platform.calls.refresh).toHaveLength(0);
  });

  it("forgets tokens whose refresh token has expired, without a request", async () => {
    const platform = createFakeAuthPlatform();
    await store({ ...platform.storedCredential(-1_000), refreshExpiresAt: new Date(Date.now() - 1).toISOString() });
    await expect(getValidAccessToken({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch })).rejects.toThrow(
      "(the session has expired) — run `hks login`",
    );
    expect(platform.calls.refresh).toHaveLength(0);
    expect(await stored()).toBeUndefined();
  });

  it("forgets the tokens when the platform refuses the refresh (the session has ended)", async () => {
    const platform = createFakeAuthPlatform();
    await store({ ...platform.storedCredential(0), refreshToken: "refresh-of-a-revoked-session" });
    await expect(getValidAccessToken({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch })).rejects.toThrow(
      `not signed in to ${FAKE_API_URL} (the session has ended) — run \`hks login\``,
    );
    expect(await stored()).toBeUndefined();
  });

  it("keeps the tokens when the refresh fails for another reason (network, overload)", async () => {
    const platform = createFakeAuthPlatform();
    const credential = platform.storedCredential(0);
    await store(credential);
    platform.failRefresh(() => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    });
    await expect(getValidAccessToken({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch })).rejects.toThrow("fetch failed");
    platform.failRefresh(() => Response.json({ error: { code: "RATE_LIMITED", message: "slow down", requestId: "r" } }, { status: 429 }));
    await expect(getValidAccessToken({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch })).rejects.toThrow("slow down");
    expect(await stored()).toEqual(credential);
  });
});

describe("refreshAfterRejection", () => {
  it("refreshes even though the rejected token had time left", async () => {
    const platform = createFakeAuthPlatform();
    const credential = platform.storedCredential(600_000);
    await store(credential);
    const signIn = await refreshAfterRejection({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch }, credential.accessToken);
    expect(signIn.credential.accessToken).toBe("access-1");
    expect(platform.calls.refresh).toHaveLength(1);
  });

  it("uses a replacement another caller already obtained instead of refreshing again", async () => {
    const platform = createFakeAuthPlatform();
    const rejected = platform.storedCredential(600_000);
    await store(rejected);
    const source = { configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch };
    const [first, second] = await Promise.all([
      refreshAfterRejection(source, rejected.accessToken),
      refreshAfterRejection(source, rejected.accessToken),
    ]);
    expect(platform.calls.refresh).toHaveLength(1);
    expect(first.credential).toEqual(second.credential);
    expect(platform.sessionAlive).toBe(true);
  });
});
