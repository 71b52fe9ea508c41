import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { schema } from "@hks/db";
import { and, eq } from "drizzle-orm";
import { Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { SignedInUser } from "../tenancy/tenancy-testbed";
import {
  createTenantWorkspace,
  installSignedInCli,
  joinOrganization,
  kubectl,
  ok,
  provisionTenantWorkspace,
  startGatewayTestbed,
  startKubectl,
  type GatewayTestbed,
  type TenantWorkspace,
} from "./gateway-testbed";

/**
 * kubectl through the platform, end to end: a real host control plane and a virtual cluster
 * (the local runtime), the platform listening on loopback, and stock kubectl with the kubeconfig
 * the platform hands out. The virtual cluster's own API server enforces the RBAC rendered from the
 * platform's bindings; the gateway decides who the caller is.
 */
let bed: GatewayTestbed;
let alice: SignedInUser; // owns the organization
let bob: SignedInUser; // workspace viewer, in group "devs", bound to edit on project alpha
let mallory: SignedInUser; // owner of another organization
let tenant: TenantWorkspace;
let devsGroupId: string;
let dir: string;
let bobKubeconfig: string;

interface Kubeconfig {
  clusters: { name: string; cluster: Record<string, string> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  "current-context": string;
}

async function downloadKubeconfig(user: SignedInUser, credential: "exec" | "token"): Promise<{ text: string; headers: Record<string, unknown> }> {
  const response = await bed.t.call(user, { method: "GET", url: `${tenant.wsPath}/kubeconfig?credential=${credential}` });
  expect(response.statusCode).toBe(200);
  return { text: response.body, headers: response.headers };
}

function saveKubeconfig(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

async function mintKubeToken(user: SignedInUser, wsPath = tenant.wsPath): Promise<{ statusCode: number; token?: string; body: string }> {
  const response = await bed.t.call(user, { method: "POST", url: `${wsPath}/kube-token`, payload: { ttlSeconds: 600 } });
  return { statusCode: response.statusCode, body: response.body, ...(response.statusCode === 200 ? { token: (response.json() as { token: string }).token } : {}) };
}

/** A request straight at the gateway, as any HTTP client could send it. */
async function gatewayFetch(token: string | undefined, kubePath: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}, wsId = tenant.wsId) {
  const response = await bed.fetch(`${bed.apiUrl}/k8s/workspaces/${wsId}${kubePath}`, {
    method: init.method ?? "GET",
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

/** A WebSocket upgrade request at the gateway (what kubectl exec sends), answered or switched. */
function rawUpgrade(token: string, kubePath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(`${bed.apiUrl}/k8s/workspaces/${tenant.wsId}${kubePath}`);
  return new Promise((resolve, reject) => {
    const request = httpsRequest({
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      ca: readFileSync(bed.caFile),
      headers: {
        authorization: `Bearer ${token}`,
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": randomBytes(16).toString("base64"),
        "sec-websocket-protocol": "v5.channel.k8s.io",
        ...headers,
      },
    });
    request.once("upgrade", (response, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, body: "" });
    });
    request.once("response", (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.once("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.once("error", reject);
    request.end();
  });
}

/** Watches of namespaced ConfigMaps open on the virtual cluster's API server, from its own metrics. */
async function namespacedConfigMapWatches(): Promise<number> {
  const connection = await bed.t.server.deps.clusters.connections.load(tenant.wsId);
  const pool = new Pool(connection!.server, { connect: { ca: connection!.caPem, cert: connection!.clientCertPem, key: connection!.clientKeyPem } });
  try {
    const metrics = await (await pool.request({ method: "GET", path: "/metrics" })).body.text();
    const line = metrics.split("\n").find((entry) => entry.startsWith("apiserver_longrunning_requests{") && entry.includes('resource="configmaps"') && entry.includes('scope="namespace"') && entry.includes('verb="WATCH"'));
    return line ? Number(line.split(" ").pop()) : 0;
  } finally {
    await pool.close();
  }
}

const context = (project?: string) => `${tenant.orgSlug}/${tenant.wsName}${project ? `/${project}` : ""}`;

beforeAll(async () => {
  bed = await startGatewayTestbed();
  const { t } = bed;
  [alice, bob, mallory] = await Promise.all([t.user("alice"), t.user("bob"), t.user("mallory")]);
  tenant = await createTenantWorkspace(t, alice, { organization: "Gateway org", workspace: "gw", projects: ["alpha", "beta"] });
  await joinOrganization(t, alice, tenant.orgId, bob);
  await ok(t, alice, "POST", `${tenant.wsPath}/members`, { userId: bob.userId, role: "viewer" });
  devsGroupId = (await ok<{ id: string }>(t, alice, "POST", `${tenant.wsPath}/groups`, { name: "devs" })).id;
  await ok(t, alice, "POST", `${tenant.wsPath}/groups/${devsGroupId}/members`, { userId: bob.userId });
  const roles = await ok<{ items: { id: string; name: string }[] }>(t, alice, "GET", `${tenant.wsPath}/rbac/roles?limit=100`);
  const edit = roles.items.find((role) => role.name === "edit");
  if (!edit) throw new Error("the preset edit role is missing");
  await ok(t, alice, "POST", `${tenant.wsPath}/rbac/bindings`, { roleId: edit.id, subject: { kind: "group", id: devsGroupId }, projectId: tenant.projects.alpha!.id });
  await provisionTenantWorkspace(bed, alice, tenant);
  dir = mkdtempSync(path.join(tmpdir(), "hks-gateway-"));
  bobKubeconfig = saveKubeconfig("bob-token.yaml", (await downloadKubeconfig(bob, "token")).text);
}, 240_000);

afterAll(async () => bed?.close());

describe("the kubeconfig the platform hands out", () => {
  it("points at the gateway, has a context per project namespace, and carries no cluster credentials", async () => {
    for (const credential of ["token", "exec"] as const) {
      const { text, headers } = await downloadKubeconfig(bob, credential);
      expect(headers["content-type"]).toMatch(/^application\/yaml/);
      expect(headers["content-disposition"]).toBe(`attachment; filename="${tenant.orgSlug}-gw.kubeconfig.yaml"`);
      expect(headers["cache-control"]).toBe("no-store");
      const config = parseYaml(text) as Kubeconfig;
      expect(config.clusters).toEqual([
        { name: context(), cluster: { server: `${bed.apiUrl}/k8s/workspaces/${tenant.wsId}`, "certificate-authority-data": Buffer.from(readFileSync(bed.caFile)).toString("base64") } },
      ]);
      expect(config.contexts.map((entry) => [entry.name, entry.context.namespace])).toEqual([
        [context(), undefined],
        [context("alpha"), "alpha"],
        [context("beta"), "beta"],
      ]);
      expect(config["current-context"]).toBe(context());
      expect(text).not.toMatch(/client-certificate|client-key|BEGIN (RSA |EC )?PRIVATE KEY|BEGIN CERTIFICATE/);
      // The virtual cluster's own CA and server appear nowhere either: kubectl only ever sees the gateway.
      const connection = await bed.t.server.deps.clusters.connections.load(tenant.wsId);
      expect(text).not.toContain(Buffer.from(connection!.caPem).toString("base64"));
      expect(text).not.toContain(connection!.server);
      const user = config.users[0]?.user ?? {};
      if (credential === "token") {
        expect(Object.keys(user)).toEqual(["token"]);
      } else {
        expect(user).toEqual({
          exec: expect.objectContaining({
            apiVersion: "client.authentication.k8s.io/v1",
            command: "hks",
            args: ["--api-url", bed.apiUrl, "kube", "credential", "--organization", tenant.orgId, "--workspace", tenant.wsId],
            interactiveMode: "Never",
          }),
        });
      }
    }
  });

  it("only lists the projects the user can see", async () => {
    const carol = await bed.t.user("carol");
    await joinOrganization(bed.t, alice, tenant.orgId, carol);
    await ok(bed.t, alice, "POST", `${tenant.wsPath}/projects/${tenant.projects.beta!.id}/members`, { userId: carol.userId, role: "viewer" });
    const config = parseYaml((await downloadKubeconfig(carol, "exec")).text) as Kubeconfig;
    expect(config.contexts.map((entry) => entry.name)).toEqual([context(), context("beta")]);
  });

  it("refuses bad input with the error envelope", async () => {
    const response = await bed.t.call(bob, { method: "GET", url: `${tenant.wsPath}/kubeconfig?credential=certificate` });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("VALIDATION_FAILED");
    const tooLong = await bed.t.call(bob, { method: "POST", url: `${tenant.wsPath}/kube-token`, payload: { ttlSeconds: 9 * 3600 } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].field).toBe("body.ttlSeconds");
  });
});

describe("kubectl through the gateway", () => {
  it("lets a member of a group bound to edit on project alpha create a Deployment there, and not in beta", async () => {
    const created = await kubectl(bed, bobKubeconfig, ["--context", context("alpha"), "create", "deployment", "web", "--image=nginx"]);
    expect(created).toMatchObject({ code: 0, stdout: "deployment.apps/web created\n" });
    expect((await kubectl(bed, bobKubeconfig, ["--context", context("alpha"), "get", "deployment", "web", "-o", "jsonpath={.metadata.name}"])).stdout).toBe("web");

    const refused = await kubectl(bed, bobKubeconfig, ["--context", context("beta"), "create", "deployment", "web", "--image=nginx"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`deployments.apps is forbidden: User "${bob.userId}" cannot create resource "deployments" in API group "apps" in the namespace "beta"`);
  });

  it("writes an audit event for the create, naming the user, workspace and object", async () => {
    const rows = await bed.t.database.db
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.type, "kube.request"), eq(schema.auditEvents.actorUserId, bob.userId)));
    const create = rows.find((row) => row.metadata.verb === "create" && row.metadata.namespace === "alpha");
    expect(create).toMatchObject({
      success: true,
      organizationId: tenant.orgId,
      targetType: "workspace",
      targetId: tenant.wsId,
      metadata: { verb: "create", apiGroup: "apps", resource: "deployments", namespace: "alpha", status: 201, path: "/apis/apps/v1/namespaces/alpha/deployments" },
    });
    const refused = rows.find((row) => row.metadata.verb === "create" && row.metadata.namespace === "beta");
    expect(refused).toMatchObject({ success: false, errorCode: "HTTP_403", metadata: { status: 403 } });
    // Reads are not audited (the access log has them).
    expect(rows.some((row) => row.metadata.verb === "get" || row.metadata.verb === "list")).toBe(false);
  });

  it("agrees with the platform's can-i endpoint", async () => {
    const cases = [
      { verb: "create", resource: "deployments", apiGroup: "apps", project: "alpha" },
      { verb: "create", resource: "deployments", apiGroup: "apps", project: "beta" },
      { verb: "delete", resource: "secrets", apiGroup: "", project: "alpha" },
      { verb: "get", resource: "secrets", apiGroup: "", project: "beta" },
      { verb: "list", resource: "pods", apiGroup: "", project: "alpha" },
      { verb: "create", resource: "roles", apiGroup: "rbac.authorization.k8s.io", project: "alpha" },
    ];
    const answers = [];
    for (const check of cases) {
      const projectId = tenant.projects[check.project]!.id;
      const platform = await ok<{ allowed: boolean }>(bed.t, bob, "GET", `${tenant.wsPath}/rbac/can-i?verb=${check.verb}&resource=${check.resource}&apiGroup=${check.apiGroup}&projectId=${projectId}`);
      const resource = check.apiGroup ? `${check.resource}.${check.apiGroup}` : check.resource;
      const cluster = await kubectl(bed, bobKubeconfig, ["--context", context(check.project), "auth", "can-i", check.verb, resource]);
      answers.push({ ...check, platform: platform.allowed ? "yes" : "no", cluster: cluster.stdout.trim() });
    }
    for (const answer of answers) expect(answer.cluster).toBe(answer.platform);
    expect(answers.map((answer) => answer.cluster)).toEqual(["yes", "no", "yes", "no", "yes", "no"]);
  });

  it("streams a watch: an object created afterwards arrives while kubectl keeps watching", async () => {
    // The API server watches a ConfigMap of kube-system itself; count ours on top of that.
    const baseline = await namespacedConfigMapWatches();
    const watch = startKubectl(bed, bobKubeconfig, ["--context", context("alpha"), "get", "configmaps", "-w", "-o", "name"]);
    try {
      await watch.waitFor(/configmap\/kube-root-ca\.crt/);
      const created = await kubectl(bed, bobKubeconfig, ["--context", context("alpha"), "create", "configmap", "watched-after-start", "--from-literal=a=b"]);
      expect(created.code).toBe(0);
      await watch.waitFor(/configmap\/watched-after-start/);
      expect(watch.child.exitCode).toBeNull();
      expect(await namespacedConfigMapWatches()).toBe(baseline + 1);
    } finally {
      watch.child.kill("SIGTERM");
      await watch.exited;
    }
    // kubectl went away: the gateway closed its watch on the cluster too.
    await expect.poll(namespacedConfigMapWatches, { timeout: 10_000, interval: 250 }).toBe(baseline);
  });

  it("never lets a client choose its identity: impersonation headers it sends are dropped", async () => {
    const token = (await mintKubeToken(bob)).token!;
    const forged = { "impersonate-user": "kubernetes-admin", "impersonate-group": "system:masters", "impersonate-uid": "0", "impersonate-extra-scopes": "all" };
    const secrets = await gatewayFetch(token, "/api/v1/namespaces/beta/secrets", { headers: forged });
    expect(secrets.status).toBe(403);
    expect(secrets.json.message).toContain(`User "${bob.userId}" cannot list resource "secrets"`);

    const review = await gatewayFetch(token, "/apis/authentication.k8s.io/v1/selfsubjectreviews", {
      method: "POST",
      headers: { ...forged, "content-type": "application/json" },
      body: JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" }),
    });
    expect(review.status).toBe(201);
    expect((review.json.status as { userInfo: unknown }).userInfo).toEqual({ username: bob.userId, groups: [devsGroupId, "system:authenticated"] });

    const asAdmin = await kubectl(bed, bobKubeconfig, ["--context", context("beta"), "get", "secrets", "--as=kubernetes-admin", "--as-group=system:masters"]);
    expect(asAdmin.code).not.toBe(0);
    expect(asAdmin.stderr).toContain(`User "${bob.userId}" cannot list resource "secrets"`);
  });

  it("relays exec upgrades with the caller's identity: the cluster answers, authorizing as the user", async () => {
    const pod = JSON.stringify({ apiVersion: "v1", kind: "Pod", metadata: { name: "shell" }, spec: { containers: [{ name: "c", image: "busybox", command: ["sleep", "3600"], resources: { limits: { cpu: "100m", memory: "64Mi" } } }] } });
    expect(await kubectl(bed, bobKubeconfig, ["--context", context("alpha"), "create", "-f", "-"], { input: pod })).toMatchObject({ stderr: "", code: 0 });
    // The local control plane runs no kubelet, so the pod is never scheduled; the API server's
    // answer to the upgrade proves it was reached, as bob, through the gateway.
    const exec = await kubectl(bed, bobKubeconfig, ["--context", context("alpha"), "exec", "shell", "--", "true"]);
    expect(exec.code).not.toBe(0);
    expect(exec.stderr).toMatch(/does not have a host assigned/);

    // The same upgrade by hand: WebSocket exec in beta is refused by the cluster as bob, whatever
    // identity the client claims; in alpha the cluster gets as far as the missing node.
    const token = (await mintKubeToken(bob)).token!;
    const execPath = (namespace: string) => `/api/v1/namespaces/${namespace}/pods/shell/exec?command=true&container=c&stdout=true`;
    const refused = await rawUpgrade(token, execPath("beta"), { "impersonate-user": "kubernetes-admin", "impersonate-group": "system:masters" });
    expect(refused.status).toBe(403);
    expect((JSON.parse(refused.body) as { message: string }).message).toMatch(new RegExp(`User "${bob.userId}" cannot (create|get) resource "pods/exec"`));
    const reached = await rawUpgrade(token, execPath("alpha"));
    expect(reached.status).toBe(400);
    expect((JSON.parse(reached.body) as { message: string }).message).toMatch(/does not have a host assigned/);

    const audited = await bed.t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.type, "kube.request"), eq(schema.auditEvents.actorUserId, bob.userId)));
    expect(audited.filter((row) => row.metadata.subresource === "exec").map((row) => [row.metadata.namespace, row.metadata.status])).toEqual(
      expect.arrayContaining([
        ["beta", 403],
        ["alpha", 400],
      ]),
    );
  });
});

describe("the kubeconfig with the hks exec credential plugin", () => {
  it("works with stock kubectl running the real hks CLI, which caches its token privately", async () => {
    const dave = await bed.t.user("dave");
    await joinOrganization(bed.t, alice, tenant.orgId, dave);
    await ok(bed.t, alice, "POST", `${tenant.wsPath}/members`, { userId: dave.userId, role: "viewer" });
    await ok(bed.t, alice, "POST", `${tenant.wsPath}/groups/${devsGroupId}/members`, { userId: dave.userId });
    const cli = await installSignedInCli(bed, dave);
    const kubeconfig = saveKubeconfig("dave-exec.yaml", (await downloadKubeconfig(dave, "exec")).text);

    const created = await kubectl(bed, kubeconfig, ["--context", context("alpha"), "create", "configmap", "from-exec-plugin", "--from-literal=by=dave"], { env: cli.env });
    expect(created).toMatchObject({ code: 0, stdout: "configmap/from-exec-plugin created\n" });
    const whoami = await kubectl(bed, kubeconfig, ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"], { env: cli.env });
    expect(whoami).toMatchObject({ code: 0, stdout: dave.userId });
    const refused = await kubectl(bed, kubeconfig, ["--context", context("beta"), "get", "configmaps"], { env: cli.env });
    expect(refused.stderr).toContain(`User "${dave.userId}" cannot list resource "configmaps"`);

    // Three kubectl runs, one token: the plugin served the cached one after the first mint.
    const issued = await bed.t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.type, "kube.token.issued"), eq(schema.auditEvents.actorUserId, dave.userId)));
    expect(issued.map((row) => row.metadata.via)).toEqual(["api"]);
    const cacheDir = path.join(cli.configDir, "kube-tokens");
    const files = readdirSync(cacheDir);
    expect(files).toEqual([expect.stringMatching(new RegExp(`-${tenant.wsId}\\.json$`))]);
    expect(statSync(path.join(cacheDir, files[0]!)).mode & 0o777).toBe(0o600);
  });

  it("makes kubectl say to sign in when the CLI has no session", async () => {
    const erin = await bed.t.user("erin");
    await joinOrganization(bed.t, alice, tenant.orgId, erin);
    await ok(bed.t, alice, "POST", `${tenant.wsPath}/members`, { userId: erin.userId, role: "viewer" });
    const kubeconfig = saveKubeconfig("erin-exec.yaml", (await downloadKubeconfig(erin, "exec")).text);
    const cli = await installSignedInCli(bed, erin);
    writeFileSync(path.join(cli.configDir, "config.json"), "{}");
    const result = await kubectl(bed, kubeconfig, ["get", "namespaces"], { env: cli.env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`not signed in to ${bed.apiUrl}`);
  });
});

describe("refusals before anything reaches the cluster", () => {
  it("answers a request without a kube token with a 401 Status", async () => {
    const answer = await gatewayFetch(undefined, "/api/v1/namespaces");
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", reason: "Unauthorized", code: 401 });
    expect(answer.headers.get("x-request-id")).toBeTruthy();
  });

  it("refuses the platform's own access tokens", async () => {
    const accessToken = bob.headers.authorization!.replace(/^Bearer /, "");
    const answer = await gatewayFetch(accessToken, "/api/v1/namespaces/alpha/pods", { headers: { "x-hks-device-id": bob.headers["x-hks-device-id"]! } });
    expect(answer.status).toBe(401);
  });

  it("keeps another organization's user out: no token, no kubeconfig, and their own token is not found here", async () => {
    expect((await mintKubeToken(mallory)).statusCode).toBe(404);
    expect((await bed.t.call(mallory, { method: "GET", url: `${tenant.wsPath}/kubeconfig?credential=token` })).statusCode).toBe(404);

    const own = await createTenantWorkspace(bed.t, mallory, { organization: "Mallory org", workspace: "mine", projects: [] });
    const ownToken = (await mintKubeToken(mallory, own.wsPath)).token!;
    const here = await gatewayFetch(ownToken, "/api/v1/namespaces/alpha/secrets");
    expect(here).toMatchObject({ status: 404, json: { kind: "Status", reason: "NotFound", message: "workspace not found" } });
    // Their own workspace has no running virtual cluster yet.
    const theirs = await gatewayFetch(ownToken, "/api/v1/namespaces", {}, own.wsId);
    expect(theirs).toMatchObject({ status: 503, json: { kind: "Status", reason: "ServiceUnavailable", message: "the workspace's virtual cluster is not running" } });
    const unknown = await gatewayFetch(ownToken, "/api/v1/namespaces", {}, "not-a-workspace");
    expect(unknown.status).toBe(404);
  });
});

describe("changes at the platform take effect at the next call", () => {
  it("makes the next call Forbidden once the user leaves the group", async () => {
    const before = await kubectl(bed, bobKubeconfig, ["--context", context("alpha"), "get", "deployments", "-o", "name"]);
    expect(before).toMatchObject({ code: 0, stdout: "deployment.apps/web\n" });
    await ok(bed.t, alice, "DELETE", `${tenant.wsPath}/groups/${devsGroupId}/members/${bob.userId}`);
    const after = await kubectl(bed, bobKubeconfig, ["--context", context("alpha"), "get", "deployments"]);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain(`User "${bob.userId}" cannot list resource "deployments"`);
  });

  it("makes the next call fail once the user leaves the organization, before anything reaches the cluster", async () => {
    const frank = await bed.t.user("frank");
    await joinOrganization(bed.t, alice, tenant.orgId, frank);
    await ok(bed.t, alice, "POST", `${tenant.wsPath}/members`, { userId: frank.userId, role: "viewer" });
    const token = (await mintKubeToken(frank)).token!;
    const review = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" }) };
    const before = await gatewayFetch(token, "/apis/authentication.k8s.io/v1/selfsubjectreviews", review);
    expect(before.status).toBe(201);
    await ok(bed.t, alice, "DELETE", `/api/v1/organizations/${tenant.orgId}/members/${frank.userId}`);
    const after = await gatewayFetch(token, "/apis/authentication.k8s.io/v1/selfsubjectreviews", review);
    expect(after).toMatchObject({ status: 404, json: { kind: "Status", reason: "NotFound", message: "workspace not found" } });
  });

  it("makes the next call Unauthorized once the session is revoked", async () => {
    const me = await ok<{ sessionId: string }>(bed.t, bob, "GET", "/auth/me");
    const before = await kubectl(bed, bobKubeconfig, ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"]);
    expect(before).toMatchObject({ code: 0, stdout: bob.userId });
    await ok(bed.t, bob, "DELETE", `/auth/sessions/${me.sessionId}`);
    const after = await kubectl(bed, bobKubeconfig, ["--context", context("alpha"), "get", "pods"]);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain("error: You must be logged in to the server (Unauthorized");
  });
});
