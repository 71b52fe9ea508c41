import type { RawObject } from "@hks/kube";
import { describe, expect, it } from "vitest";
import { cleanObject, isBackedUpDefinition, isBackedUpNamespace, isBackedUpType, SKIP_REASONS, skipReasonOf } from "./backup-selection";

const serverFields = {
  uid: "0b0c6a4e-1111-4000-8000-000000000001",
  resourceVersion: "4711",
  creationTimestamp: "2025-01-01T00:00:00Z",
  generation: 3,
  selfLink: "/api/v1/namespaces/team-a/things/x",
  managedFields: [{ manager: "kubectl", operation: "Apply" }],
};

const type = (group: string, resource: string, namespaced = true, verbs = ["create", "delete", "get", "list", "patch", "update", "watch"]) => ({ group, resource, namespaced, verbs });

describe("which resource types a backup copies", () => {
  it("copies namespaced types that can be listed and created", () => {
    expect(isBackedUpType(type("", "configmaps"))).toBe(true);
    expect(isBackedUpType(type("apps", "deployments"))).toBe(true);
    expect(isBackedUpType(type("example.com", "widgets"))).toBe(true);
  });

  it("leaves out cluster-scoped types and types that cannot be listed or created", () => {
    expect(isBackedUpType(type("", "namespaces", false))).toBe(false);
    expect(isBackedUpType(type("rbac.authorization.k8s.io", "clusterroles", false))).toBe(false);
    expect(isBackedUpType(type("authorization.k8s.io", "localsubjectaccessreviews", true, ["create"]))).toBe(false);
    expect(isBackedUpType(type("", "bindings", true, ["create"]))).toBe(false);
    expect(isBackedUpType(type("example.com", "readonly", true, ["get", "list"]))).toBe(false);
  });

  it("leaves out what controllers and the API server generate", () => {
    for (const [group, resource] of [
      ["", "events"],
      ["events.k8s.io", "events"],
      ["", "endpoints"],
      ["discovery.k8s.io", "endpointslices"],
      ["coordination.k8s.io", "leases"],
      ["apps", "controllerrevisions"],
      ["storage.k8s.io", "csistoragecapacities"],
      ["metrics.k8s.io", "pods"],
    ] as const) {
      expect({ group, resource, copied: isBackedUpType(type(group, resource)) }).toEqual({ group, resource, copied: false });
    }
  });
});

describe("which namespaces and objects a backup copies", () => {
  it("copies every namespace except the cluster's own and those being deleted", () => {
    const namespace = (name: string, deleting = false): RawObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, ...(deleting ? { deletionTimestamp: "2025-01-01T00:00:00Z" } : {}) } });
    expect(["default", "team-a", "by-hand", "kube-system", "kube-public", "kube-node-lease"].filter((name) => isBackedUpNamespace(namespace(name)))).toEqual(["default", "team-a", "by-hand"]);
    expect(isBackedUpNamespace(namespace("going", true))).toBe(false);
  });

  it("says why an object is left out", () => {
    const object = (kind: string, name: string, extra: Partial<RawObject> = {}, apiVersion = "v1"): RawObject => ({ apiVersion, kind, metadata: { name, namespace: "team-a", ...(extra.metadata ?? {}) }, ...extra });
    expect(skipReasonOf(object("ConfigMap", "kube-root-ca.crt"))).toBe(SKIP_REASONS.rootCa);
    expect(skipReasonOf(object("Secret", "tok", { type: "kubernetes.io/service-account-token" }))).toBe(SKIP_REASONS.token);
    expect(skipReasonOf(object("ServiceAccount", "default"))).toBe(SKIP_REASONS.defaultServiceAccount);
    expect(skipReasonOf({ apiVersion: "v1", kind: "Service", metadata: { name: "kubernetes", namespace: "default" } })).toBe(SKIP_REASONS.apiServerService);
    expect(skipReasonOf(object("ResourceQuota", "project-quota", { metadata: { name: "project-quota", labels: { "app.kubernetes.io/managed-by": "hexabase-kaas" } } }))).toBe(SKIP_REASONS.managed);
    expect(skipReasonOf(object("ReplicaSet", "web-5d4", { metadata: { name: "web-5d4", ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "u1", controller: true }] } }, "apps/v1"))).toBe(SKIP_REASONS.controlled);
    expect(skipReasonOf(object("ConfigMap", "x", { metadata: { name: "x", deletionTimestamp: "2025-01-01T00:00:00Z" } }))).toBe(SKIP_REASONS.beingDeleted);
  });

  it("copies the tenant's own objects, including a Service named kubernetes outside default and a ConfigMap of a CRD group", () => {
    expect(skipReasonOf({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "team-a" } })).toBeUndefined();
    expect(skipReasonOf({ apiVersion: "v1", kind: "Secret", type: "Opaque", metadata: { name: "db", namespace: "team-a" } })).toBeUndefined();
    expect(skipReasonOf({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "builder", namespace: "team-a" } })).toBeUndefined();
    expect(skipReasonOf({ apiVersion: "v1", kind: "Service", metadata: { name: "kubernetes", namespace: "team-a" } })).toBeUndefined();
    expect(skipReasonOf({ apiVersion: "example.com/v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "team-a" } })).toBeUndefined();
    // An owner that is not the controller does not re-create the object: it is copied.
    expect(skipReasonOf({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "team-a", ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "o", uid: "u" }] } })).toBeUndefined();
  });

  it("copies custom resource definitions unless the platform owns them", () => {
    expect(isBackedUpDefinition({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" } })).toBe(true);
    expect(isBackedUpDefinition({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "x.hexabase.io", labels: { "app.kubernetes.io/managed-by": "hexabase-kaas" } } })).toBe(false);
  });
});

describe("cleaning an object for the backup", () => {
  it("drops what the server filled in and keeps what the author wrote", () => {
    const configMap: RawObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", namespace: "team-a", labels: { app: "web" }, annotations: { note: "keep", "deployment.kubernetes.io/revision": "2" }, generateName: "set-", ...serverFields },
      data: { answer: "42" },
      immutable: false,
    };
    expect(cleanObject(configMap, new Set())).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", namespace: "team-a", labels: { app: "web" }, annotations: { note: "keep" } },
      data: { answer: "42" },
      immutable: false,
    });
    // The input is not changed.
    expect(configMap.metadata?.uid).toBe(serverFields.uid);
  });

  it("drops status, and a Deployment's spec stays whole", () => {
    const spec = { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } };
    const cleaned = cleanObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "team-a", ...serverFields }, spec, status: { replicas: 2, readyReplicas: 0 } }, new Set());
    expect(cleaned).toEqual({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "team-a" }, spec });
  });

  it("drops a Service's cluster IPs and node ports but keeps a headless Service headless", () => {
    const service = (clusterIP: string): RawObject => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "team-a" },
      spec: { type: "NodePort", clusterIP, clusterIPs: [clusterIP], ipFamilies: ["IPv4"], healthCheckNodePort: 30001, selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: 8080, nodePort: 30080, protocol: "TCP" }] },
    });
    expect(cleanObject(service("10.96.4.2"), new Set()).spec).toEqual({ type: "NodePort", ipFamilies: ["IPv4"], selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }] });
    expect(cleanObject(service("None"), new Set()).spec).toMatchObject({ clusterIP: "None", clusterIPs: ["None"] });
  });

  it("strips the platform's labels and the finalizer spec from namespaces, keeping people's labels", () => {
    const cleaned = cleanObject(
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name: "team-a",
          labels: { "app.kubernetes.io/managed-by": "hexabase-kaas", "hexabase.io/component": "project", "hexabase.io/project-id": "prj_x", "prj-x.tree.hexabase.io/depth": "0", "kubernetes.io/metadata.name": "team-a", tier: "gold" },
          ...serverFields,
        },
        spec: { finalizers: ["kubernetes"] },
        status: { phase: "Active" },
      },
      new Set(),
    );
    expect(cleaned).toEqual({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a", labels: { tier: "gold" } } });
  });

  it("keeps owner references only to copied owners, without their uid", () => {
    const cleaned = cleanObject(
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: {
          name: "child",
          namespace: "team-a",
          ownerReferences: [
            { apiVersion: "example.com/v1", kind: "Widget", name: "kept", uid: "copied-uid", blockOwnerDeletion: true },
            { apiVersion: "v1", kind: "Node", name: "node-1", uid: "not-copied" },
          ],
        },
      },
      new Set(["copied-uid"]),
    );
    expect(cleaned.metadata?.ownerReferences).toEqual([{ apiVersion: "example.com/v1", kind: "Widget", name: "kept", blockOwnerDeletion: true }]);
    expect(cleanObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "n", ownerReferences: [{ apiVersion: "v1", kind: "Node", name: "x", uid: "gone" }] } }, new Set()).metadata).toEqual({ name: "c", namespace: "n" });
  });

  it("unbinds a claim from its volume, unschedules a Pod and drops the API access volume admission adds", () => {
    expect(cleanObject({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "n", annotations: { "pv.kubernetes.io/bind-completed": "yes" } }, spec: { volumeName: "pv-1", resources: { requests: { storage: "1Gi" } } } }, new Set())).toEqual({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data", namespace: "n" },
      spec: { resources: { requests: { storage: "1Gi" } } },
    });
    const pod = cleanObject(
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p", namespace: "n" },
        spec: {
          nodeName: "node-1",
          volumes: [{ name: "kube-api-access-abcde", projected: {} }, { name: "config", configMap: { name: "c" } }],
          containers: [{ name: "app", image: "busybox", volumeMounts: [{ name: "kube-api-access-abcde", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }, { name: "config", mountPath: "/etc/c" }] }],
        },
      },
      new Set(),
    );
    expect(pod.spec).toEqual({ volumes: [{ name: "config", configMap: { name: "c" } }], containers: [{ name: "app", image: "busybox", volumeMounts: [{ name: "config", mountPath: "/etc/c" }] }] });
  });

  it("drops a Job's generated selector but keeps one its author chose", () => {
    const job = (manualSelector?: boolean): RawObject => ({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "once", namespace: "n" },
      spec: {
        ...(manualSelector ? { manualSelector } : {}),
        selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "u" } },
        template: { metadata: { labels: { "batch.kubernetes.io/controller-uid": "u", "controller-uid": "u", "job-name": "once" } }, spec: { containers: [], restartPolicy: "Never" } },
      },
    });
    expect(cleanObject(job(), new Set()).spec).toEqual({ template: { metadata: { labels: { "job-name": "once" } }, spec: { containers: [], restartPolicy: "Never" } } });
    expect(cleanObject(job(true), new Set()).spec).toEqual(job(true).spec);
  });
});
