import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { saveConfigFile } from "../config/config-file";
import type { StoredCredential } from "../config/config-schema";
import { createAuthenticatedFetch } from "./authenticated-fetch";
import { createFakeAuthPlatform, FAKE_API_URL, FAKE_DEVICE_ID } from "./testing/fake-auth-platform";

let dir: string;
let configFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hks-authenticated-fetch-"));
  configFile = join(dir, "config.json");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const store = (credential: StoredCredential) =>
  saveConfigFile(configFile, { deviceId: FAKE_DEVICE_ID, credentials: { [FAKE_API_URL]: credential } });

describe("createAuthenticatedFetch", () => {
  it("sends the Bearer token and the device id, keeping the caller's headers", async () => {
    const platform = createFakeAuthPlatform();
    await store(platform.storedCredential(600_000));
    const fetch = createAuthenticatedFetch({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch });

    const response = await fetch(`${FAKE_API_URL}/auth/me`, { headers: { accept: "application/json" } });
    expect(response.status).toBe(200);
    expect(platform.calls.me).toEqual([{ authorization: "Bearer access-0", deviceId: FAKE_DEVICE_ID }]);
    expect(platform.calls.refresh).toHaveLength(0);
  });

  it("on a 401, refreshes once and retries with the new token", async () => {
    const platform = createFakeAuthPlatform();
    await store({ ...platform.storedCredential(600_000), accessToken: "access-revoked-early" });
    const fetch = createAuthenticatedFetch({ configFile, apiUrl: FAKE_API_URL, fetch: platform.fetch });

    expect((await fetch(`${FAKE_API_URL}/auth/me`)).status).toBe(200);
    expect(platform.calls.me.map((call) => call.authorization)).toEqual(["Bearer access-revoked-early", "Bearer access-1"]);
    expect(platform.calls.refresh).toHaveLength(1);
  });

  it("fails with 'not signed in' when the retry is refused too, without refreshing again", async () => {
    const platform = createFakeAuthPlatform();
    await store(platform.storedCredential(600_000));
    const refusing: typeof globalThis.fetch = (input, init) =>
      new URL(String(input)).pathname === "/auth/me"
        ? Promise.resolve(Response.json({ error: { code: "UNAUTHENTICATED", message: "no", requestId: "r" } }, { status: 401 }))
        : platform.fetch(input, init);
    const fetch = createAuthenticatedFetch({ configFile, apiUrl: FAKE_API_URL, fetch: refusing });

    await expect(fetch(`${FAKE_API_URL}/auth/me`)).rejects.toThrow(
      `not signed in to ${FAKE_API_URL} (the platform refused the session) — run \`hks login\``,
    );
    expect(platform.calls.refresh).toHaveLength(1);
  });

  it("passes other answers through untouched", async () => {
    const platform = createFakeAuthPlatform();
    await store(platform.storedCredential(600_000));
    const forbidden: typeof globalThis.fetch = () => Promise.resolve(new Response("{}", { status: 403 }));
    const fetch = createAuthenticatedFetch({ configFile, apiUrl: FAKE_API_URL, fetch: forbidden });
    expect((await fetch(`${FAKE_API_URL}/api/v1/anything`)).status).toBe(403);
    expect(platform.calls.refresh).toHaveLength(0);
  });
});
