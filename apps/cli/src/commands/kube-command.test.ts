import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeAuthPlatform, FAKE_API_URL, FAKE_DEVICE_ID } from "../auth/testing/fake-auth-platform";
import { readCliEnvironment } from "../cli-environment";
import { runCli } from "../cli-program";

// `hks kube` in-process against the fake platform's token rules; the real thing (kubectl running
// the plugin against the platform's gateway) is in apps/api/test/gateway.

const ORG = "org_01jd0000000000000000000001";
const WS = "ws_01jd0000000000000000000001";
const WS_PATH = `/api/v1/organizations/${ORG}/workspaces/${WS}`;

let configDir: string;
let platform: ReturnType<typeof createFakeAuthPlatform>;
let minted: { authorization: string | null; body: unknown }[];

beforeEach(async () => {
  configDir = await mkdtemp(join(tmpdir(), "hks-kube-command-"));
  platform = createFakeAuthPlatform();
  minted = [];
  await writeFile(
    join(configDir, "config.json"),
    JSON.stringify({ deviceId: FAKE_DEVICE_ID, credentials: { [FAKE_API_URL]: platform.storedCredential(600_000) } }),
    { mode: 0o600 },
  );
});
afterEach(async () => rm(configDir, { recursive: true, force: true }));

/** The fake platform plus the two kube endpoints, which insist on the session's bearer token and device id. */
const fetch: typeof globalThis.fetch = async (input, init) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  const signedIn = headers.get("authorization")?.startsWith("Bearer access-") && headers.get("x-hks-device-id") === FAKE_DEVICE_ID;
  if (url.pathname === `${WS_PATH}/kube-token` && init?.method === "POST") {
    minted.push({ authorization: headers.get("authorization"), body: JSON.parse(String(init.body)) });
    if (!signedIn) return Response.json({ error: { code: "UNAUTHENTICATED", message: "no", requestId: "req_1" } }, { status: 401 });
    return Response.json({ token: `kube-${minted.length}`, tokenType: "Bearer", expiresAt: new Date(Date.now() + 600_000).toISOString(), expiresInSeconds: 600, server: `${FAKE_API_URL}/k8s/workspaces/${WS}` });
  }
  if (url.pathname === `${WS_PATH}/kubeconfig`) {
    if (!signedIn) return Response.json({ error: { code: "UNAUTHENTICATED", message: "no", requestId: "req_1" } }, { status: 401 });
    return new Response(`apiVersion: v1\nkind: Config\n# credential=${url.searchParams.get("credential")} ttl=${url.searchParams.get("ttlSeconds")}\n`, { headers: { "content-type": "application/yaml" } });
  }
  if (url.pathname.startsWith("/api/v1/organizations/")) {
    return Response.json({ error: { code: "NOT_FOUND", message: "Workspace not found", requestId: "req_2" } }, { status: 404 });
  }
  return platform.fetch(input, init);
};

async function hks(args: string[]) {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(["--api-url", FAKE_API_URL, ...args], {
    environment: readCliEnvironment({ HKS_CONFIG_DIR: configDir }, "/nonexistent-home"),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    fetch,
  });
  return { exitCode, stdout, stderr };
}

describe("hks kube credential", () => {
  it("prints only an ExecCredential, minting with the stored session and then serving the cached token", async () => {
    const first = await hks(["kube", "credential", "--organization", ORG, "--workspace", WS]);
    expect(first).toMatchObject({ exitCode: 0, stderr: "" });
    const credential = JSON.parse(first.stdout) as { apiVersion: string; kind: string; status: { token: string; expirationTimestamp: string } };
    expect(credential).toMatchObject({ apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status: { token: "kube-1" } });
    expect(Date.parse(credential.status.expirationTimestamp) - Date.now()).toBeGreaterThan(500_000);
    expect(minted).toEqual([{ authorization: "Bearer access-0", body: { ttlSeconds: 600 } }]);

    const second = await hks(["kube", "credential", "--organization", ORG, "--workspace", WS]);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: { token: "kube-1" } });
    expect(minted).toHaveLength(1);
  });

  it("refuses ids that are not ids, before any request", async () => {
    const result = await hks(["kube", "credential", "--organization", ORG, "--workspace", "../../etc"]);
    expect(result).toEqual({ exitCode: 1, stdout: "", stderr: 'error: --workspace must be a workspace id (ws_…), not "../../etc"\n' });
    expect(minted).toEqual([]);
  });

  it("reports the platform's refusal with its code, and prints no credential", async () => {
    const result = await hks(["kube", "credential", "--organization", ORG, "--workspace", "ws_01jd0000000000000000000009"]);
    expect(result).toEqual({ exitCode: 1, stdout: "", stderr: "error: NOT_FOUND: Workspace not found (request id: req_2)\n" });
  });

  it("says to sign in when there is no session", async () => {
    await writeFile(join(configDir, "config.json"), "{}");
    const result = await hks(["kube", "credential", "--organization", ORG, "--workspace", WS]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("run `hks login`");
  });
});

describe("hks kube config", () => {
  it("prints the kubeconfig, or writes it to a private file", async () => {
    const printed = await hks(["kube", "config", "--organization", ORG, "--workspace", WS]);
    expect(printed).toEqual({ exitCode: 0, stdout: "apiVersion: v1\nkind: Config\n# credential=exec ttl=null\n", stderr: "" });

    const file = join(configDir, "out.yaml");
    await writeFile(file, "old", { mode: 0o644 });
    const written = await hks(["kube", "config", "--organization", ORG, "--workspace", WS, "--credential", "token", "--ttl", "1800", "--output", file]);
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toContain(`Wrote the kubeconfig of workspace ${WS} to ${file}`);
    expect(await readFile(file, "utf8")).toContain("# credential=token ttl=1800");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("checks its options", async () => {
    expect((await hks(["kube", "config", "--organization", ORG, "--workspace", WS, "--credential", "certificate"])).stderr).toContain("Allowed choices are exec, token");
    expect((await hks(["kube", "config", "--organization", ORG, "--workspace", WS, "--ttl", "600"])).stderr).toBe("error: --ttl applies to --credential token only\n");
    expect((await hks(["kube", "config", "--organization", ORG, "--workspace", WS, "--credential", "token", "--ttl", "5"])).stderr).toContain("--ttl must be a whole number of seconds from 60 to 28800");
  });
});
