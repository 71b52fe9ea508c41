import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cachedOrFreshKubeToken, forgetKubeTokens, kubeTokenCacheFile } from "./kube-token-cache";

let dir: string;
let configFile: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hks-kube-cache-"));
  configFile = join(dir, "config.json");
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const WS = "ws_01jd0000000000000000000001";
const ORG = "org_01jd0000000000000000000001";

function minter(expiresInSeconds = 600) {
  let count = 0;
  return {
    get count() {
      return count;
    },
    mint: async () => {
      count += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { token: `kube-token-${count}`, expiresInSeconds };
    },
  };
}

const request = (mint: () => Promise<{ token: string; expiresInSeconds: number }>, overrides: { now?: () => number; apiUrl?: string } = {}) => ({
  configFile,
  apiUrl: overrides.apiUrl ?? "https://kaas.example.com",
  organizationId: ORG,
  workspaceId: WS,
  minValidityMs: 60_000,
  mint,
  ...(overrides.now ? { now: overrides.now } : {}),
});

describe("the kube token cache", () => {
  it("mints once and serves the cached token until shortly before it expires", async () => {
    let clock = Date.parse("2030-01-01T00:00:00Z");
    const platform = minter(600);
    const first = await cachedOrFreshKubeToken(request(platform.mint, { now: () => clock }));
    expect(first).toEqual({ token: "kube-token-1", expiresAt: new Date(clock + 600_000) });
    clock += 500_000; // 100 s left: still good
    expect((await cachedOrFreshKubeToken(request(platform.mint, { now: () => clock }))).token).toBe("kube-token-1");
    clock += 50_000; // 50 s left: too little for kubectl to use
    expect((await cachedOrFreshKubeToken(request(platform.mint, { now: () => clock }))).token).toBe("kube-token-2");
    expect(platform.count).toBe(2);
  });

  it("keeps the file private to the user, keyed by API URL and workspace", async () => {
    await cachedOrFreshKubeToken(request(minter().mint));
    const file = kubeTokenCacheFile(configFile, "https://kaas.example.com", WS);
    expect(file.startsWith(join(dir, "kube-tokens"))).toBe(true);
    expect(file.endsWith(`-${WS}.json`)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(file))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ apiUrl: "https://kaas.example.com", organizationId: ORG, workspaceId: WS, token: "kube-token-1" });
    expect(kubeTokenCacheFile(configFile, "https://other.example.com", WS)).not.toBe(file);
  });

  it("lets parallel kubectl processes share one mint", async () => {
    const platform = minter();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => cachedOrFreshKubeToken(request(platform.mint))));
    expect(new Set(tokens.map((token) => token.token))).toEqual(new Set(["kube-token-1"]));
    expect(platform.count).toBe(1);
  });

  it("ignores a damaged cache file and replaces it", async () => {
    const file = kubeTokenCacheFile(configFile, "https://kaas.example.com", WS);
    await cachedOrFreshKubeToken(request(minter().mint));
    await writeFile(file, "{ not json");
    const platform = minter();
    expect((await cachedOrFreshKubeToken(request(platform.mint))).token).toBe("kube-token-1");
    expect(platform.count).toBe(1);
  });

  it("forgets the tokens of one API URL on sign-out, and only those", async () => {
    await cachedOrFreshKubeToken(request(minter().mint));
    await cachedOrFreshKubeToken(request(minter().mint, { apiUrl: "https://other.example.com" }));
    await forgetKubeTokens(configFile, "https://kaas.example.com");
    expect(await readdir(join(dir, "kube-tokens"))).toEqual([`${kubeTokenCacheFile(configFile, "https://other.example.com", WS).split("/").pop()}`]);
    await expect(forgetKubeTokens(join(dir, "nowhere", "config.json"), "https://kaas.example.com")).resolves.toBeUndefined();
  });
});
