import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "./api-server-process";
import { signInWithBrowser } from "./browser";
import { runHks, startHks, type HksResult } from "./run-hks";
import { startSignInPlatform, type SignInPlatform } from "./sign-in-platform";

// `hks login` end to end: the real `bin/hks` as a subprocess, the real API as a subprocess
// (embedded mode), a real OpenID Provider on loopback, and this test playing the browser.

let platform: SignInPlatform;
let workDir: string;
let configFile: string;

beforeAll(async () => {
  platform = await startSignInPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), "hks-login-int-"));
  configFile = join(workDir, "config", "config.json");
  return () => rm(workDir, { recursive: true, force: true });
});

const hksOptions = () => ({ cwd: workDir, env: { HKS_CONFIG_DIR: join(workDir, "config"), HKS_API_URL: platform.api.url } });
const hks = (args: string[]) => runHks(args, hksOptions());

interface StoredConfig {
  deviceId: string;
  credentials: Record<string, { accessToken: string; expiresAt: string; refreshToken: string; refreshExpiresAt: string }>;
}
const readConfig = async () => JSON.parse(await readFile(configFile, "utf8")) as StoredConfig;
const storedCredential = async () => {
  const credential = (await readConfig()).credentials[platform.api.url];
  if (!credential) throw new Error("no stored credential");
  return credential;
};

/** Starts `hks login`, waits for the sign-in URL it prints, and returns both. */
async function startLogin(args: string[] = []) {
  const login = startHks(["login", "--no-browser", "--provider", "dev", ...args], hksOptions());
  const [, signInUrl] = await login.waitForStderr(/^ {2}(http:\/\/\S+\/auth\/login\/\S+)$/m);
  return { login, signInUrl: signInUrl ?? "" };
}

/** A full `hks login` as alice, asserting it worked. */
async function loginAsAlice(): Promise<HksResult> {
  const { login, signInUrl } = await startLogin();
  const browser = await signInWithBrowser(signInUrl, { user: "alice@example.com", platformCallbackUrl: platform.callbackUrl("dev") });
  expect(browser).toMatchObject({ status: 200, body: expect.stringContaining("Signed in — you can close this tab") });
  const result = await login.result;
  expect(result).toMatchObject({ exitCode: 0, stdout: "Signed in as alice@example.com (dev)\n" });
  return result;
}

/** Pretends time has passed: the stored access token has `secondsLeft` to live. */
async function ageAccessToken(secondsLeft: number): Promise<void> {
  const config = await readConfig();
  const credential = config.credentials[platform.api.url];
  if (!credential) throw new Error("no stored credential");
  credential.expiresAt = new Date(Date.now() + secondsLeft * 1000).toISOString();
  await writeFile(configFile, JSON.stringify(config));
}

const jwtPayload = (token: string) => JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

describe("hks login (loopback redirect with PKCE)", () => {
  it("signs in through the browser, stores the tokens privately, and the other commands use them", async () => {
    const login = await loginAsAlice();
    // The loopback redirect the platform sent the browser to was this process's server.
    expect(login.stderr).toContain(`(Dev at ${platform.api.url})`);

    const config = await readConfig();
    expect(config.deviceId).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    const credential = await storedCredential();
    expect(Date.parse(credential.expiresAt)).toBeGreaterThan(Date.now() + 60_000);
    expect(Date.parse(credential.refreshExpiresAt)).toBeGreaterThan(Date.parse(credential.expiresAt));
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);

    const whoami = await hks(["whoami", "--json"]);
    expect(whoami).toMatchObject({ exitCode: 0, stderr: "" });
    expect(JSON.parse(whoami.stdout)).toMatchObject({
      apiUrl: platform.api.url,
      email: "alice@example.com",
      name: "Alice Example",
      provider: "dev",
      sessionId: expect.stringMatching(/^ses_/),
    });
    const text = await hks(["whoami"]);
    expect(text.stdout).toMatch(/^email: +alice@example\.com\nname: +Alice Example\nprovider: +dev\nsession: +ses_\w+\n/);

    const status = await hks(["auth", "status"]);
    expect(status).toMatchObject({ exitCode: 0, stdout: expect.stringContaining(`Signed in to ${platform.api.url}`) });

    // No command but `hks auth token` ever prints a token or the device id.
    for (const output of [login, whoami, text, status, await hks(["config", "get", "--json"])]) {
      const printed = output.stdout + output.stderr;
      for (const secret of [credential.accessToken, credential.refreshToken, config.deviceId]) expect(printed).not.toContain(secret);
    }

    const token = await hks(["auth", "token"]);
    expect(token).toEqual({ exitCode: 0, stdout: `${credential.accessToken}\n`, stderr: "" });
    expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(jwtPayload(token.stdout)).toMatchObject({ email: "alice@example.com", provider: "dev", typ: expect.any(String) });
  });

  it("logout revokes the session on the platform, deletes the tokens, and whoami then asks for a login", async () => {
    await loginAsAlice();
    const { accessToken } = await storedCredential();
    const { deviceId } = await readConfig();

    expect(await hks(["logout"])).toEqual({ exitCode: 0, stdout: `Signed out of ${platform.api.url}\n`, stderr: "" });
    expect((await readConfig()).credentials).toBeUndefined();
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);
    // Revoked server-side too, not just forgotten: the old token no longer works even with the device id.
    const me = await fetch(`${platform.api.url}/auth/me`, { headers: { authorization: `Bearer ${accessToken}`, "x-hks-device-id": deviceId } });
    expect(me.status).toBe(401);

    const whoami = await hks(["whoami"]);
    expect(whoami).toMatchObject({ exitCode: 1, stdout: "" });
    expect(whoami.stderr).toBe(`error: not signed in to ${platform.api.url} — run \`hks login\`\n`);
    expect(await hks(["auth", "token"])).toMatchObject({ exitCode: 1, stderr: expect.stringContaining("run `hks login`") });
    expect(await hks(["logout"])).toEqual({ exitCode: 0, stdout: `Not signed in to ${platform.api.url}; nothing to do\n`, stderr: "" });
  });

  it("keeps the device id across sign-ins and revokes the session a new sign-in replaces", async () => {
    await loginAsAlice();
    const first = await readConfig();
    const firstCredential = await storedCredential();
    await loginAsAlice();
    const second = await readConfig();
    expect(second.deviceId).toBe(first.deviceId);
    expect((await storedCredential()).refreshToken).not.toBe(firstCredential.refreshToken);

    const oldRefresh = await fetch(`${platform.api.url}/auth/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hks-device-id": first.deviceId },
      body: JSON.stringify({ refresh_token: firstCredential.refreshToken }),
    });
    expect(oldRefresh.status).toBe(401);
    expect(await hks(["whoami"])).toMatchObject({ exitCode: 0 });
  });

  it("refuses a browser response whose state does not match, and saves nothing", async () => {
    const { login, signInUrl } = await startLogin();
    const browser = await signInWithBrowser(signInUrl, {
      user: "alice@example.com",
      platformCallbackUrl: platform.callbackUrl("dev"),
      tamper: (url) => url.searchParams.set("state", "forged-state-from-another-page"),
    });
    expect(browser.status).toBe(400);
    expect(browser.body).toContain("Sign-in failed");
    const result = await login.result;
    expect(result).toMatchObject({ exitCode: 1, stdout: "" });
    expect(result.stderr).toContain("error: refused the browser's response: its state does not match this sign-in");
    expect((await readConfig()).credentials).toBeUndefined();

    // The loopback server took that one request and is gone.
    await expect(fetch(browser.loopbackUrl)).rejects.toThrow();
  });

  it("gives up after --timeout with a message that says what to do", async () => {
    const { login } = await startLogin(["--timeout", "1"]);
    const result = await login.result;
    expect(result).toMatchObject({ exitCode: 1, stdout: "" });
    expect(result.stderr).toContain(
      "error: timed out after 1 second waiting for the browser to finish signing in; if the browser showed an error, fix that, then run `hks login` again",
    );
    expect((await readConfig()).credentials).toBeUndefined();
  });

  it("stops on Ctrl-C", async () => {
    const { login } = await startLogin();
    login.signal("SIGINT");
    const result = await login.result;
    expect(result).toMatchObject({ exitCode: 130, stdout: "" });
    expect(result.stderr).toContain("error: sign-in cancelled; nothing was saved\n");
  });

  it("asks for --provider when the platform offers several, and rejects an unknown one", async () => {
    const none = await hks(["login", "--no-browser"]);
    expect(none).toMatchObject({ exitCode: 1, stdout: "" });
    expect(none.stderr).toBe(
      `error: the platform at ${platform.api.url} offers several sign-in providers; choose one with --provider <id>:\n` +
        "  dev         Dev\n  dev-backup  Dev (backup)\n",
    );
    const unknown = await hks(["login", "--no-browser", "--provider", "google"]);
    expect(unknown).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('has no sign-in provider "google"') });
  });
});

describe("token refresh against the platform", () => {
  it("hks auth token refreshes a token that expires within a minute and stores the new pair first", async () => {
    await loginAsAlice();
    const before = await storedCredential();
    await ageAccessToken(30);

    const token = await hks(["auth", "token"]);
    expect(token.exitCode).toBe(0);
    const after = await storedCredential();
    expect(token.stdout).toBe(`${after.accessToken}\n`);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now() + 60_000);
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);

    // A token with time left is handed out as is.
    expect((await hks(["auth", "token"])).stdout).toBe(`${after.accessToken}\n`);
  });

  it("parallel hks processes refresh once between them, so the session survives", async () => {
    await loginAsAlice();
    await ageAccessToken(5);
    const results = await Promise.all([1, 2, 3, 4].map(() => hks(["auth", "token"])));
    for (const result of results) expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    // Had two of them spent the same refresh token, the platform would have revoked the session.
    expect(new Set(results.map((result) => result.stdout)).size).toBe(1);
    expect(await hks(["whoami"])).toMatchObject({ exitCode: 0 });
  });

  it("on a 401 for a token that looked valid, refreshes once and retries", async () => {
    await loginAsAlice();
    const config = await readConfig();
    const credential = config.credentials[platform.api.url];
    if (!credential) throw new Error("no stored credential");
    credential.accessToken = "not.a.valid-token";
    await writeFile(configFile, JSON.stringify(config));

    const whoami = await hks(["whoami", "--json"]);
    expect(whoami).toMatchObject({ exitCode: 0, stderr: "" });
    expect(JSON.parse(whoami.stdout)).toMatchObject({ email: "alice@example.com" });
    expect((await storedCredential()).accessToken).not.toBe("not.a.valid-token");
  });

  it("when the session has ended on the platform, says to sign in again and forgets the dead tokens", async () => {
    await loginAsAlice();
    const { refreshToken } = await storedCredential();
    const { deviceId } = await readConfig();
    // Signed out elsewhere (e.g. the dashboard's session list).
    const revoked = await fetch(`${platform.api.url}/auth/logout`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hks-device-id": deviceId },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
    expect(revoked.status).toBe(204);

    const whoami = await hks(["whoami"]);
    expect(whoami).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: `error: not signed in to ${platform.api.url} (the session has ended) — run \`hks login\`\n`,
    });
    expect((await readConfig()).credentials).toBeUndefined();
  });
});

describe("hks logout when the platform is unreachable", () => {
  it("still deletes the local tokens, and says the session may live on", async () => {
    await loginAsAlice();
    const unreachable = `http://127.0.0.1:${await freePort()}`;
    // Same tokens, but recorded for an API URL nothing listens on.
    const config = await readConfig();
    config.credentials = { [unreachable]: await storedCredential() };
    await writeFile(configFile, JSON.stringify(config));

    const logout = await runHks(["logout"], { ...hksOptions(), env: { ...hksOptions().env, HKS_API_URL: unreachable } });
    expect(logout).toMatchObject({ exitCode: 0, stdout: `Deleted the stored tokens for ${unreachable}\n` });
    expect(logout.stderr).toMatch(/^warning: could not end the session on the platform \(the API is unreachable: connection refused \(ECONNREFUSED\)\); it stays valid there/);
    expect((await readConfig()).credentials).toBeUndefined();
  });
});
