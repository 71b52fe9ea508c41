import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackgroundWork } from "../../src/background/background-work";
import { createTenantWorkspace, joinOrganization, kubectl, ok, startGatewayTestbed, type GatewayTestbed, type TenantWorkspace } from "../gateway/gateway-testbed";
import type { SignedInUser } from "../tenancy/tenancy-testbed";

/**
 * The "done when", in one piece and with nothing done by hand: a workspace and two
 * projects created through the API are provisioned by the platform's own task on a real host
 * cluster; a developer bound (through a group) to project A uses stock kubectl with the kubeconfig
 * the platform hands out; the cluster and the platform agree on what they may do; and taking the
 * user out of the group, or revoking the session, ends access at the next call.
 */
describe("sign in → workspace → RUNNING → kubectl as yourself", () => {
  let bed: GatewayTestbed;
  let work: { stop(): Promise<void> };
  let owner: SignedInUser;
  let developer: SignedInUser;
  let tenant: TenantWorkspace;
  let groupId: string;
  let kubeconfig: string;
  const context = (project: string) => `${tenant.orgSlug}/${tenant.wsName}/${project}`;
  const run = (args: string[]) => kubectl(bed, kubeconfig, args);

  beforeAll(async () => {
    bed = await startGatewayTestbed();
    const { deps } = bed.t.server;
    work = await startBackgroundWork({ db: bed.t.database.db, cache: deps.cache, queue: deps.queue, events: deps.events, logger: deps.logger, platform: deps, outboxIntervalMs: 25, taskBackoffMs: [200, 500] });
    [owner, developer] = await Promise.all([bed.t.user("owner"), bed.t.user("developer")]);
  }, 120_000);
  afterAll(async () => {
    await work?.stop();
    await bed?.close();
  }, 60_000);

  it("provisions the workspace with its two projects", async () => {
    tenant = await createTenantWorkspace(bed.t, owner, { organization: "End to end", workspace: "e2e", projects: ["alpha", "beta"] });
    const deadline = Date.now() + 120_000;
    for (;;) {
      const workspace = await ok<{ status: string; statusReason: string | null }>(bed.t, owner, "GET", tenant.wsPath);
      if (workspace.status === "RUNNING") break;
      if (workspace.status === "ERROR" || Date.now() > deadline) throw new Error(`provisioning did not finish: ${workspace.status} ${workspace.statusReason}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const status = await ok<{ provisioned: boolean }>(bed.t, owner, "GET", `${tenant.wsPath}/vcluster/status`);
    expect(status.provisioned).toBe(true);
  }, 150_000);

  it("a developer bound to project A works there with stock kubectl and is forbidden in B", async () => {
    await joinOrganization(bed.t, owner, tenant.orgId, developer);
    await ok(bed.t, owner, "POST", `${tenant.wsPath}/members`, { userId: developer.userId, role: "developer" });
    groupId = (await ok<{ id: string }>(bed.t, owner, "POST", `${tenant.wsPath}/groups`, { name: "alpha-devs" })).id;
    await ok(bed.t, owner, "POST", `${tenant.wsPath}/groups/${groupId}/members`, { userId: developer.userId });
    const roles = await ok<{ items: { id: string; name: string }[] }>(bed.t, owner, "GET", `${tenant.wsPath}/rbac/roles?limit=100`);
    const edit = roles.items.find((role) => role.name === "edit")!;
    await ok(bed.t, owner, "POST", `${tenant.wsPath}/rbac/bindings`, { roleId: edit.id, subject: { kind: "group", id: groupId }, projectId: tenant.projects.alpha!.id });

    const download = await bed.t.call(developer, { method: "GET", url: `${tenant.wsPath}/kubeconfig?credential=token` });
    expect(download.statusCode).toBe(200);
    expect(download.body).not.toMatch(/client-certificate-data|client-key-data/);
    kubeconfig = path.join(mkdtempSync(path.join(tmpdir(), "hks-e2e-")), "kubeconfig.yaml");
    writeFileSync(kubeconfig, download.body, { mode: 0o600 });

    // The binding reaches the cluster through the platform's own sync; wait for it to take effect.
    const deadline = Date.now() + 30_000;
    let created = await run(["--context", context("alpha"), "create", "deployment", "web", "--image=nginx"]);
    while (created.code !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      created = await run(["--context", context("alpha"), "create", "deployment", "web", "--image=nginx"]);
    }
    expect(created).toMatchObject({ code: 0, stdout: "deployment.apps/web created\n" });
    const refused = await run(["--context", context("beta"), "create", "deployment", "web", "--image=nginx"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("forbidden");
  }, 60_000);

  it("kubectl auth can-i agrees with the platform's can-i", async () => {
    const cases = [
      { verb: "create", resource: "deployments", apiGroup: "apps", project: "alpha" },
      { verb: "create", resource: "deployments", apiGroup: "apps", project: "beta" },
      { verb: "get", resource: "secrets", apiGroup: "", project: "alpha" },
      { verb: "delete", resource: "configmaps", apiGroup: "", project: "beta" },
      { verb: "create", resource: "rolebindings", apiGroup: "rbac.authorization.k8s.io", project: "alpha" },
    ];
    for (const check of cases) {
      const platform = await ok<{ allowed: boolean }>(bed.t, developer, "GET", `${tenant.wsPath}/rbac/can-i?verb=${check.verb}&resource=${check.resource}&apiGroup=${check.apiGroup}&projectId=${tenant.projects[check.project]!.id}`);
      const cluster = await run(["--context", context(check.project), "auth", "can-i", check.verb, check.apiGroup ? `${check.resource}.${check.apiGroup}` : check.resource]);
      expect({ ...check, cluster: cluster.stdout.trim() }).toEqual({ ...check, cluster: platform.allowed ? "yes" : "no" });
    }
  });

  it("removing the user from the group makes the next kubectl call fail", async () => {
    expect((await run(["--context", context("alpha"), "get", "deployments", "-o", "name"])).stdout).toBe("deployment.apps/web\n");
    await ok(bed.t, owner, "DELETE", `${tenant.wsPath}/groups/${groupId}/members/${developer.userId}`);
    const after = await run(["--context", context("alpha"), "get", "deployments"]);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain("forbidden");
  });

  it("revoking the session makes the next kubectl call unauthorized", async () => {
    const me = await ok<{ sessionId: string }>(bed.t, developer, "GET", "/auth/me");
    await ok(bed.t, developer, "DELETE", `/auth/sessions/${me.sessionId}`);
    const after = await run(["--context", context("alpha"), "get", "pods"]);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toContain("Unauthorized");
  });
});
