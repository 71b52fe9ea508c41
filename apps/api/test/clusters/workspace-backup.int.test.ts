import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { schema } from "@hks/db";
import { runKubectl } from "@hks/kube-local";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignedInUser } from "../tenancy/tenancy-testbed";
import { startClusterTestbed, type ClusterTestbed } from "./cluster-testbed";
import { eventually } from "../support/eventually";
const poll = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000) => eventually(what, probe, { timeoutMs });


type Json = Record<string, unknown> & { metadata: Record<string, unknown> & { name: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string> } };

/** What people put into the source workspace: two project namespaces, one made by hand, a CRD. */
const TENANT_OBJECTS = `
apiVersion: v1
kind: Namespace
metadata: { name: by-hand, labels: { tier: gold } }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, properties: { spec: { type: object, x-kubernetes-preserve-unknown-fields: true } } } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: app-settings, namespace: team-a, labels: { app: web } }
data: { answer: "42", greeting: "hello from team-a" }
---
apiVersion: v1
kind: Secret
metadata: { name: db-credentials, namespace: team-a }
type: Opaque
stringData: { password: "correct-horse-battery-staple" }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: builder, namespace: team-a }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: config-reader, namespace: team-a }
rules: [{ apiGroups: [""], resources: [configmaps], verbs: [get, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: builder-reads-config, namespace: team-a }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader }
subjects: [{ kind: ServiceAccount, name: builder, namespace: team-a }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: team-a, labels: { app: web } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      serviceAccountName: builder
      containers:
        - name: web
          image: nginx:1.27
          ports: [{ containerPort: 8080 }]
          envFrom: [{ configMapRef: { name: app-settings } }]
          resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { cpu: 200m, memory: 128Mi } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: team-a }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: reports, namespace: team-b }
data: { schedule: "0 3 * * *" }
---
apiVersion: v1
kind: Secret
metadata: { name: api-token, namespace: team-b }
type: Opaque
stringData: { token: "s3cr3t-token-value" }
---
apiVersion: v1
kind: Service
metadata: { name: reports-headless, namespace: team-b }
spec:
  clusterIP: None
  selector: { app: reports }
  ports: [{ port: 9000 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: hand-made, namespace: by-hand }
data: { made: "by hand" }
`;

const WIDGET = `
apiVersion: example.com/v1
kind: Widget
metadata: { name: gadget, namespace: by-hand }
spec: { size: 3, colour: blue }
`;

/** The objects compared between source and restored target, as kubectl resource lists per namespace. */
const COMPARED: Record<string, string> = {
  "team-a": "configmaps,secrets,serviceaccounts,roles,rolebindings,deployments,services",
  "team-b": "configmaps,secrets,services",
  "by-hand": "configmaps,widgets",
};

/** An object as its author wrote it: no server fields, no cluster IPs, no platform-made objects. */
function authored(object: Json): Json {
  const { metadata, status: _status, ...rest } = object;
  const spec = rest.spec && typeof rest.spec === "object" ? { ...(rest.spec as Record<string, unknown>) } : undefined;
  if (object.kind === "Service" && spec && spec.clusterIP !== "None") {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  const labels = metadata.labels ? Object.fromEntries(Object.entries(metadata.labels).filter(([key]) => !key.startsWith("hexabase.io/") && key !== "app.kubernetes.io/managed-by" && key !== "kubernetes.io/metadata.name" && !key.endsWith(".tree.hexabase.io/depth"))) : undefined;
  return { ...rest, ...(spec ? { spec } : {}), metadata: { name: metadata.name, namespace: metadata.namespace, labels, annotations: metadata.annotations } } as Json;
}

const isTenantMade = (object: Json) =>
  object.metadata.labels?.["app.kubernetes.io/managed-by"] !== "hexabase-kaas" && object.metadata.name !== "kube-root-ca.crt" && !(object.kind === "ServiceAccount" && object.metadata.name === "default");

describe("workspace backup and restore on a real control plane", () => {
  let bed: ClusterTestbed;
  let owner: SignedInUser;
  let viewer: SignedInUser;
  let stranger: SignedInUser;
  let orgId: string;
  let strangerOrgId: string;
  let sourceId: string;
  let targetId: string;
  let backupId: string;
  const backupDir = mkdtempSync(path.join(tmpdir(), "hks-backups-"));
  /** The tenant's objects in the source workspace, as authored, by `<namespace>/<kind>/<name>`. */
  const sourceObjects = new Map<string, Json>();

  const api = (user: SignedInUser, method: "GET" | "POST" | "DELETE", url: string, payload?: Record<string, unknown>) =>
    bed.call(user, { method, url: `/api/v1/organizations/${orgId}${url}`, ...(payload === undefined ? {} : { payload }) });

  const kubectl = async (workspaceId: string, ...args: string[]) => {
    const connection = await bed.server.deps.clusters.connections.load(workspaceId);
    if (!connection) throw new Error(`no connection stored for ${workspaceId}`);
    const file = path.join(tmpdir(), `hks-admin-${workspaceId}.kubeconfig`);
    writeFileSync(file, connection.kubeconfig, { mode: 0o600 });
    const result = await runKubectl(bed.controlPlane.binaries.kubectl, file, args);
    return result;
  };
  const kubectlOk = async (workspaceId: string, ...args: string[]) => {
    const result = await kubectl(workspaceId, ...args);
    if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout;
  };
  const applyYaml = async (workspaceId: string, yaml: string) => {
    const file = path.join(tmpdir(), `hks-objects-${workspaceId}-${Date.now()}.yaml`);
    writeFileSync(file, yaml);
    return kubectlOk(workspaceId, "apply", "-f", file);
  };
  /** The compared objects of a workspace, authored view, by key. */
  const tenantObjects = async (workspaceId: string) => {
    const objects = new Map<string, Json>();
    for (const [namespace, kinds] of Object.entries(COMPARED)) {
      const list = JSON.parse(await kubectlOk(workspaceId, "get", kinds, "-n", namespace, "-o", "json")) as { items: Json[] };
      for (const item of list.items.filter(isTenantMade)) objects.set(`${namespace}/${item.kind}/${item.metadata.name}`, item);
    }
    return objects;
  };
  const backupRow = async (id: string) => (await bed.database.db.select().from(schema.workspaceBackups).where(eq(schema.workspaceBackups.id, id)))[0];

  const createWorkspace = async (name: string, projects: string[]) => {
    const created = await api(owner, "POST", "/workspaces", { name, planId: "starter-shared" });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    for (const project of projects) {
      const response = await api(owner, "POST", `/workspaces/${id}/projects`, { name: project, quota: { cpuMillicores: 1000, memoryMib: 1024, storageGib: 5 } });
      expect(response.statusCode).toBe(201);
    }
    return id;
  };

  beforeAll(async () => {
    bed = await startClusterTestbed({ HKS_BACKUP_DIR: backupDir });
    [owner, viewer, stranger] = await Promise.all([bed.user("owner"), bed.user("viewer"), bed.user("stranger")]);
    orgId = (await bed.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Backup org" } })).json().id;
    strangerOrgId = (await bed.call(stranger, { method: "POST", url: "/api/v1/organizations", payload: { name: "Another tenant" } })).json().id;
    const invitation = await api(owner, "POST", "/invitations", { email: viewer.email, role: "member" });
    expect((await bed.call(viewer, { method: "POST", url: "/api/v1/invitations/accept", payload: { token: invitation.json().token } })).statusCode).toBe(200);
    sourceId = await createWorkspace("source", ["team-a", "team-b"]);
    expect((await api(owner, "POST", `/workspaces/${sourceId}/members`, { userId: viewer.userId, role: "viewer" })).statusCode).toBe(201);
    await bed.waitForStatus(owner, orgId, sourceId, "RUNNING");
  }, 240_000);
  afterAll(async () => {
    await bed?.close();
    rmSync(backupDir, { recursive: true, force: true });
  }, 60_000);

  it("fills the source workspace with people's objects", async () => {
    await applyYaml(sourceId, TENANT_OBJECTS);
    await poll("the Widget type to be served", async () => ((await kubectl(sourceId, "get", "widgets", "-A")).code === 0 ? true : undefined));
    await applyYaml(sourceId, WIDGET);
    // A ConfigMap owned (not controlled) by the Widget: restore must point it at the new Widget.
    const widgetUid = await kubectlOk(sourceId, "get", "widget", "gadget", "-n", "by-hand", "-o", "jsonpath={.metadata.uid}");
    await applyYaml(
      sourceId,
      JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "gadget-parts", namespace: "by-hand", ownerReferences: [{ apiVersion: "example.com/v1", kind: "Widget", name: "gadget", uid: widgetUid }] }, data: { parts: "7" } }),
    );
    for (const [key, object] of await tenantObjects(sourceId)) sourceObjects.set(key, object);
    expect(sourceObjects.size).toBe(13);
  }, 60_000);

  it("refuses a backup to a viewer (403) and to another tenant (404)", async () => {
    const byViewer = await api(viewer, "POST", `/workspaces/${sourceId}/vcluster/backup`);
    expect(byViewer.statusCode).toBe(403);
    expect(byViewer.json().error.code).toBe("FORBIDDEN");
    const byStranger = await api(stranger, "POST", `/workspaces/${sourceId}/vcluster/backup`);
    expect(byStranger.statusCode).toBe(404);
  });

  it("backs up the workspace, one backup at a time, while it stays RUNNING", async () => {
    // Hold the worker so the first backup is certainly still under way when the second is asked for.
    await bed.stopWorker();
    let first: Awaited<ReturnType<typeof api>>;
    try {
      first = await api(owner, "POST", `/workspaces/${sourceId}/vcluster/backup`, { note: "before the migration" });
      expect(first.statusCode).toBe(202);
      expect(first.json()).toMatchObject({ status: "PENDING", workspaceId: sourceId, workspaceName: "source", note: "before the migration", manifest: null });
      backupId = first.json().id;
      expect(backupId).toMatch(/^bkp_[0-9a-z]{26}$/);
      const second = await api(owner, "POST", `/workspaces/${sourceId}/vcluster/backup`);
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe("OPERATION_IN_PROGRESS");
      const badNote = await api(owner, "POST", `/workspaces/${sourceId}/vcluster/backup`, { note: "x".repeat(501) });
      expect(badNote.statusCode).toBe(400);
      expect(badNote.json().error.code).toBe("VALIDATION_FAILED");
      // A pending backup cannot be deleted yet.
      const early = await api(owner, "DELETE", `/backups/${backupId}`);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe("INVALID_STATE");
    } finally {
      await bed.startWorker();
    }

    const task = await bed.waitForTask(owner, first.json().taskId, "SUCCEEDED");
    expect(task.kind).toBe("workspace.backup");
    expect(task.result).toMatchObject({ backupId, objectCount: 18 });
    const workspace = (await api(owner, "GET", `/workspaces/${sourceId}`)).json();
    expect(workspace.status).toBe("RUNNING");
  }, 120_000);

  it("records a manifest whose counts match the objects, and never says where the file is", async () => {
    const response = await api(owner, "GET", `/backups/${backupId}`);
    expect(response.statusCode).toBe(200);
    const backup = response.json();
    expect(backup).toMatchObject({ id: backupId, status: "SUCCEEDED", workspaceId: sourceId, kubernetesVersion: "v1.35.4", errorReason: null });
    expect(backup.manifest.namespaces).toEqual(["by-hand", "default", "team-a", "team-b"]);
    expect(backup.manifest.counts).toEqual([
      { namespace: null, apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", count: 1 },
      { namespace: null, apiVersion: "v1", kind: "Namespace", count: 4 },
      { namespace: "by-hand", apiVersion: "example.com/v1", kind: "Widget", count: 1 },
      { namespace: "by-hand", apiVersion: "v1", kind: "ConfigMap", count: 2 },
      { namespace: "team-a", apiVersion: "apps/v1", kind: "Deployment", count: 1 },
      { namespace: "team-a", apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", count: 1 },
      { namespace: "team-a", apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", count: 1 },
      { namespace: "team-a", apiVersion: "v1", kind: "ConfigMap", count: 1 },
      { namespace: "team-a", apiVersion: "v1", kind: "Secret", count: 1 },
      { namespace: "team-a", apiVersion: "v1", kind: "Service", count: 1 },
      { namespace: "team-a", apiVersion: "v1", kind: "ServiceAccount", count: 1 },
      { namespace: "team-b", apiVersion: "v1", kind: "ConfigMap", count: 1 },
      { namespace: "team-b", apiVersion: "v1", kind: "Secret", count: 1 },
      { namespace: "team-b", apiVersion: "v1", kind: "Service", count: 1 },
    ]);
    expect(backup.manifest.objectCount).toBe(18);
    const skipped = Object.fromEntries((backup.manifest.skipped as { reason: string; count: number }[]).map((entry) => [entry.reason, entry.count]));
    // Each of the four namespaces has its default ServiceAccount and its root CA ConfigMap.
    expect(skipped["created by the cluster in every namespace"]).toBe(4);
    expect(skipped["published by the cluster in every namespace"]).toBe(4);
    // The platform's quota, defaults and two network policies per project are the target's business.
    expect(skipped["managed by the platform (re-created from the target workspace's projects and roles)"]).toBe(8);
    expect(skipped["the API server's own Service"]).toBe(1);

    const text = response.body;
    expect(text).not.toContain(backupDir);
    expect(text).not.toContain(".sealed");
    expect(text).not.toContain("127.0.0.1");
    expect(text).not.toContain("filePath");
  });

  it("writes one sealed file (0600) that reveals nothing, with its manifest next to it", async () => {
    const row = await backupRow(backupId);
    const file = bed.server.deps.backups.store.absolutePathOf(row!.filePath!);
    expect(file).toBe(path.join(backupDir, orgId, sourceId, `${backupId}.sealed`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const bytes = readFileSync(file);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(row!.sha256);
    expect(bytes.length).toBe(row!.sizeBytes);
    const text = bytes.toString("latin1");
    for (const visible of ["app-settings", "db-credentials", "correct-horse-battery-staple", Buffer.from("correct-horse-battery-staple").toString("base64"), "by-hand", "gadget", "hello from team-a", "Deployment", "ConfigMap"]) {
      expect({ visible, found: text.includes(visible) }).toEqual({ visible, found: false });
    }
    const manifest = JSON.parse(readFileSync(file.replace(/\.sealed$/, ".manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ backupId, workspace: { id: sourceId, name: "source" }, objectCount: 18, sha256: row!.sha256, sizeBytes: bytes.length });
    expect(statSync(file.replace(/\.sealed$/, ".manifest.json")).mode & 0o777).toBe(0o600);
  });

  it("shows the backup to whoever may back the workspace up, and to no one else", async () => {
    const list = await api(owner, "GET", `/backups?workspaceId=${sourceId}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([backupId]);
    expect((await api(viewer, "GET", "/backups")).json().items).toEqual([]);
    expect((await api(viewer, "GET", `/backups/${backupId}`)).statusCode).toBe(403);
    expect((await api(viewer, "DELETE", `/backups/${backupId}`)).statusCode).toBe(403);
    expect((await api(viewer, "POST", `/backups/${backupId}/restore`, { workspaceId: sourceId })).statusCode).toBe(403);

    // Another tenant: through our organization (not a member) or through their own (not their backup).
    for (const base of [`/api/v1/organizations/${orgId}`, `/api/v1/organizations/${strangerOrgId}`]) {
      const read = await bed.call(stranger, { method: "GET", url: `${base}/backups/${backupId}` });
      const restore = await bed.call(stranger, { method: "POST", url: `${base}/backups/${backupId}/restore`, payload: { workspaceId: sourceId } });
      const remove = await bed.call(stranger, { method: "DELETE", url: `${base}/backups/${backupId}` });
      expect([read.statusCode, restore.statusCode, remove.statusCode]).toEqual([404, 404, 404]);
    }
    expect((await bed.call(stranger, { method: "GET", url: `/api/v1/organizations/${strangerOrgId}/backups` })).json().items).toEqual([]);
    expect((await backupRow(backupId))?.status).toBe("SUCCEEDED");
  });

  it("keeps the backup when its workspace is deleted", async () => {
    const deleted = await api(owner, "DELETE", `/workspaces/${sourceId}`);
    expect(deleted.statusCode).toBe(202);
    await bed.waitForStatus(owner, orgId, sourceId, "DELETED");
    const backup = (await api(owner, "GET", `/backups/${backupId}`)).json();
    expect(backup).toMatchObject({ id: backupId, status: "SUCCEEDED", workspaceId: null, workspaceName: "source" });
    expect((await api(owner, "GET", `/backups?workspaceId=${sourceId}`)).json().items).toHaveLength(1);
    // Only organization administrators see a backup whose workspace is gone.
    expect((await api(viewer, "GET", `/backups/${backupId}`)).statusCode).toBe(404);
  }, 120_000);

  it("refuses to restore into a workspace that is not RUNNING, or one that does not exist", async () => {
    targetId = await createWorkspace("target", ["team-a"]);
    const early = await api(owner, "POST", `/backups/${backupId}/restore`, { workspaceId: targetId });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("INVALID_STATE");
    const nowhere = await api(owner, "POST", `/backups/${backupId}/restore`, { workspaceId: sourceId });
    expect(nowhere.statusCode).toBe(404);
    const junk = await api(owner, "POST", `/backups/${backupId}/restore`, { workspaceId: "not-an-id" });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.details[0].field).toContain("workspaceId");
    await bed.waitForStatus(owner, orgId, targetId, "RUNNING");
  }, 120_000);

  it("restores every object into a new workspace, where the platform's own objects are the target's", async () => {
    const restore = await api(owner, "POST", `/backups/${backupId}/restore`, { workspaceId: targetId });
    expect(restore.statusCode).toBe(202);
    expect(restore.json()).toMatchObject({ backupId, workspaceId: targetId });
    const task = await bed.waitForTask(owner, restore.json().taskId, "SUCCEEDED");
    expect(task.kind).toBe("workspace.restore");
    expect(task.result).toMatchObject({ backupId, objects: 18, applied: 18, skippedCount: 0, skipped: [], sourceWorkspace: { id: sourceId, name: "source" } });
    expect((await api(owner, "GET", `/workspaces/${targetId}`)).json().status).toBe("RUNNING");

    const restored = await tenantObjects(targetId);
    expect([...restored.keys()].sort()).toEqual([...sourceObjects.keys()].sort());
    for (const [key, source] of sourceObjects) {
      const target = restored.get(key)!;
      if (key === "by-hand/ConfigMap/gadget-parts") continue;
      expect({ key, object: authored(target) }).toEqual({ key, object: authored(source) });
    }
    // Same names, data and specs; the Secret's value made it across.
    expect(Buffer.from(String((restored.get("team-a/Secret/db-credentials")!.data as Record<string, string>).password), "base64").toString()).toBe("correct-horse-battery-staple");
    expect(restored.get("team-a/Deployment/web")!.spec).toMatchObject({ replicas: 2, template: { spec: { serviceAccountName: "builder" } } });
    expect((restored.get("team-b/Service/reports-headless")!.spec as Record<string, unknown>).clusterIP).toBe("None");
    // The owned ConfigMap points at the restored Widget (new uid) and is not garbage-collected.
    const widget = restored.get("by-hand/Widget/gadget")!;
    const parts = restored.get("by-hand/ConfigMap/gadget-parts")!;
    expect(parts.data).toEqual({ parts: "7" });
    expect(parts.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: "Widget", name: "gadget", uid: widget.metadata.uid })]);
    expect(widget.metadata.uid).not.toBe(sourceObjects.get("by-hand/Widget/gadget")!.metadata.uid);

    // team-a is a project of the target: its labels and quota are the target's project's.
    const [targetProject] = await bed.database.db.select().from(schema.projects).where(and(eq(schema.projects.workspaceId, targetId), eq(schema.projects.name, "team-a")));
    const teamA = JSON.parse(await kubectlOk(targetId, "get", "namespace", "team-a", "-o", "json")) as Json;
    expect(teamA.metadata.labels?.["hexabase.io/project-id"]).toBe(targetProject!.id);
    expect(await kubectlOk(targetId, "get", "resourcequota", "project-quota", "-n", "team-a", "-o", "jsonpath={.metadata.labels.hexabase\\.io/project-id}")).toBe(targetProject!.id);
    // team-b is no project there: a plain namespace, not pruned by the platform's sync.
    const teamB = JSON.parse(await kubectlOk(targetId, "get", "namespace", "team-b", "-o", "json")) as Json;
    expect(teamB.metadata.labels?.["app.kubernetes.io/managed-by"]).toBeUndefined();
    expect((await kubectl(targetId, "get", "resourcequota", "project-quota", "-n", "team-b")).code).not.toBe(0);
    expect(await kubectlOk(targetId, "get", "namespace", "by-hand", "-o", "jsonpath={.metadata.labels.tier}")).toBe("gold");
    // Through a reconcile round (every 2 s here) nothing restored is pruned.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await kubectl(targetId, "get", "namespace", "team-b")).code).toBe(0);
    expect((await kubectl(targetId, "get", "configmap", "gadget-parts", "-n", "by-hand")).code).toBe(0);
  }, 120_000);

  it("restoring again changes nothing", async () => {
    const before = await tenantObjects(targetId);
    const again = await api(owner, "POST", `/backups/${backupId}/restore`, { workspaceId: targetId });
    expect(again.statusCode).toBe(202);
    const task = await bed.waitForTask(owner, again.json().taskId, "SUCCEEDED");
    expect(task.result).toMatchObject({ applied: 18, skippedCount: 0 });
    const after = await tenantObjects(targetId);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, object] of before) {
      expect({ key, uid: after.get(key)?.metadata.uid, resourceVersion: after.get(key)?.metadata.resourceVersion }).toEqual({ key, uid: object.metadata.uid, resourceVersion: object.metadata.resourceVersion });
    }
    const audit = await bed.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.type, "backup.restored"), eq(schema.auditEvents.targetId, backupId)));
    expect(audit).toHaveLength(2);
  }, 120_000);

  it("an object the cluster refuses is reported with the reason, and the rest is still restored", async () => {
    // Someone replaced a ConfigMap in the target by an immutable one with other data.
    await kubectlOk(targetId, "delete", "configmap", "app-settings", "-n", "team-a");
    await applyYaml(targetId, JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-settings", namespace: "team-a" }, immutable: true, data: { answer: "41" } }));
    await kubectlOk(targetId, "delete", "secret", "api-token", "-n", "team-b");

    const restore = await api(owner, "POST", `/backups/${backupId}/restore`, { workspaceId: targetId });
    const task = await bed.waitForTask(owner, restore.json().taskId, "SUCCEEDED");
    expect(task.result).toMatchObject({ applied: 17, skippedCount: 1 });
    const skipped = (task.result as { skipped: { kind: string; namespace: string; name: string; reason: string }[] }).skipped;
    expect(skipped).toEqual([{ apiVersion: "v1", kind: "ConfigMap", namespace: "team-a", name: "app-settings", reason: expect.stringContaining("immutable") }]);
    expect(skipped[0]!.reason).toMatch(/^422 Invalid: /);
    // The deleted Secret came back; the refused ConfigMap kept what the cluster had.
    expect(await kubectlOk(targetId, "get", "secret", "api-token", "-n", "team-b", "-o", "jsonpath={.data.token}")).toBe(Buffer.from("s3cr3t-token-value").toString("base64"));
    expect(await kubectlOk(targetId, "get", "configmap", "app-settings", "-n", "team-a", "-o", "jsonpath={.data.answer}")).toBe("41");
  }, 60_000);

  it("a tampered backup file ends the restore in ERROR with a clear reason, and nothing changes", async () => {
    const row = await backupRow(backupId);
    const file = bed.server.deps.backups.store.absolutePathOf(row!.filePath!);
    const original = readFileSync(file);
    const tampered = Buffer.from(original);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(file, tampered);
    try {
      const restore = await api(owner, "POST", `/backups/${backupId}/restore`, { workspaceId: targetId });
      expect(restore.statusCode).toBe(202);
      const task = await bed.waitForTask(owner, restore.json().taskId, "ERROR");
      expect(task.errorReason).toContain("does not match its recorded sha256 checksum");
      expect(task.errorReason).toContain("nothing was restored");
      expect(task.errorReason).not.toContain(backupDir);
      expect((task.steps as { name: string; status: string }[]).map((step) => `${step.name}:${step.status}`)).toEqual(["verify-backup:FAILED", "apply-objects:PENDING", "sync-platform-objects:PENDING", "record-restore:PENDING"]);
      expect((await api(owner, "GET", `/workspaces/${targetId}`)).json().status).toBe("RUNNING");
    } finally {
      writeFileSync(file, original);
    }
  }, 60_000);

  it("deletes the backup: file, manifest and record, audited", async () => {
    const row = await backupRow(backupId);
    const file = bed.server.deps.backups.store.absolutePathOf(row!.filePath!);
    const response = await api(owner, "DELETE", `/backups/${backupId}`);
    expect(response.statusCode).toBe(204);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(file.replace(/\.sealed$/, ".manifest.json"))).toBe(false);
    expect((await api(owner, "GET", `/backups/${backupId}`)).statusCode).toBe(404);
    expect((await api(owner, "POST", `/backups/${backupId}/restore`, { workspaceId: targetId })).statusCode).toBe(404);
    const audit = await bed.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.type, "backup.deleted"), eq(schema.auditEvents.targetId, backupId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: owner.userId, organizationId: orgId });
  });

  it("an organization keeps its backups until they are deleted: it cannot be deleted before them", async () => {
    // A second backup, of the target, then the target goes: the organization holds only a backup.
    const taken = await api(owner, "POST", `/workspaces/${targetId}/vcluster/backup`);
    expect(taken.statusCode).toBe(202);
    await bed.waitForTask(owner, taken.json().taskId, "SUCCEEDED");
    expect((await api(owner, "DELETE", `/workspaces/${targetId}`)).statusCode).toBe(202);
    await bed.waitForStatus(owner, orgId, targetId, "DELETED");
    const refused = await bed.call(owner, { method: "DELETE", url: `/api/v1/organizations/${orgId}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "NOT_EMPTY", message: "Delete the organization's backups first" });
    expect((await api(owner, "DELETE", `/backups/${taken.json().id}`)).statusCode).toBe(204);
    expect((await bed.call(owner, { method: "DELETE", url: `/api/v1/organizations/${orgId}` })).statusCode).toBe(204);
  }, 120_000);
});

