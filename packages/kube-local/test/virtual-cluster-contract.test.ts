import type { V1StatefulSet } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import {
  desiredVirtualCluster,
  isVirtualClusterStatefulSet,
  kubeconfigSecretName,
  renderKubeconfigSecret,
  statefulSetStatus,
  statusIsCurrent,
  unavailableVersion,
  VIRTUAL_CLUSTER_SELECTOR,
} from "../src/virtual-cluster-contract";

const labels = { "app.kubernetes.io/managed-by": "hexabase-kaas", "hexabase.io/component": "vcluster" };

function statefulSet(replicas: number | undefined, extra: Partial<V1StatefulSet["metadata"]> = {}): V1StatefulSet {
  return {
    metadata: { name: "ws-1", namespace: "team-a", uid: "uid-1", generation: 3, labels, ...extra },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: { app: "vcluster" } },
      serviceName: "ws-1-headless",
      template: {},
    },
  };
}

describe("vCluster StatefulSet selection", () => {
  it("selects only StatefulSets carrying both platform labels", () => {
    expect(VIRTUAL_CLUSTER_SELECTOR).toBe("app.kubernetes.io/managed-by=hexabase-kaas,hexabase.io/component=vcluster");
    expect(isVirtualClusterStatefulSet(statefulSet(1))).toBe(true);
    expect(isVirtualClusterStatefulSet(statefulSet(1, { labels: { "hexabase.io/component": "vcluster" } }))).toBe(false);
    expect(
      isVirtualClusterStatefulSet(statefulSet(1, { labels: { ...labels, "app.kubernetes.io/managed-by": "helm" } })),
    ).toBe(false);
  });

  it("names the kubeconfig Secret as vCluster does", () => {
    expect(kubeconfigSecretName("ws-1")).toBe("vc-ws-1");
  });
});

describe("desiredVirtualCluster", () => {
  it("runs at replicas >= 1, including the apps/v1 default of 1", () => {
    expect(desiredVirtualCluster(statefulSet(1)).state).toBe("running");
    expect(desiredVirtualCluster(statefulSet(undefined)).state).toBe("running");
    expect(desiredVirtualCluster(statefulSet(2)).state).toBe("running");
  });

  it("stops at replicas 0 and remembers which StatefulSet owns the data", () => {
    expect(desiredVirtualCluster(statefulSet(0))).toMatchObject({ state: "stopped", uid: "uid-1" });
  });

  it("treats a missing or terminating StatefulSet as deleted", () => {
    expect(desiredVirtualCluster(undefined).state).toBe("deleted");
    expect(desiredVirtualCluster(statefulSet(1, { deletionTimestamp: new Date() })).state).toBe("deleted");
  });
});

describe("statefulSetStatus", () => {
  it("reports a finished rollout when ready", () => {
    expect(statefulSetStatus(statefulSet(1), "ready")).toEqual({
      observedGeneration: 3,
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      currentReplicas: 1,
      updatedReplicas: 1,
      currentRevision: "ws-1-local",
      updateRevision: "ws-1-local",
      conditions: [{ type: "VirtualClusterReady", status: "True", reason: "Ready", message: "The virtual cluster's API server is serving" }],
    });
  });

  it("reports a version it cannot serve as a failed start, with the reason in a condition", () => {
    const wantsMissing = { ...statefulSet(1), metadata: { ...statefulSet(1).metadata, annotations: { "hexabase.io/kubernetes-version": "v1.99.0" } } };
    const reason = unavailableVersion(wantsMissing, "v1.35.4");
    expect(reason).toContain("v1.99.0 is not available");
    expect(unavailableVersion(statefulSet(1), "v1.35.4")).toBeUndefined();
    const status = statefulSetStatus(wantsMissing, "failed", reason);
    expect(status).toMatchObject({ replicas: 1, readyReplicas: 0, conditions: [{ type: "VirtualClusterReady", status: "False", message: reason }] });
    expect(statusIsCurrent({ ...wantsMissing, status }, "failed", reason)).toBe(true);
    expect(statusIsCurrent({ ...wantsMissing, status }, "starting")).toBe(false);
  });

  it("reports a created but unready pod while starting, and nothing when stopped", () => {
    expect(statefulSetStatus(statefulSet(1), "starting")).toMatchObject({ replicas: 1, readyReplicas: 0 });
    expect(statefulSetStatus(statefulSet(0), "stopped")).toMatchObject({ replicas: 0, readyReplicas: 0, observedGeneration: 3 });
  });

  it("recognises a status that is already current, so patches do not loop", () => {
    const ready = { ...statefulSet(1), status: statefulSetStatus(statefulSet(1), "ready") };
    expect(statusIsCurrent(ready, "ready")).toBe(true);
    expect(statusIsCurrent(ready, "stopped")).toBe(false);
    expect(statusIsCurrent({ ...ready, metadata: { ...ready.metadata, generation: 4 } }, "ready")).toBe(false);
    expect(statusIsCurrent(statefulSet(0), "stopped")).toBe(false); // observedGeneration still missing
  });
});

describe("renderKubeconfigSecret", () => {
  it("writes the keys vCluster writes, owned by the StatefulSet", () => {
    const secret = renderKubeconfigSecret({
      statefulSet: statefulSet(1),
      kubeconfig: "apiVersion: v1\n",
      caPem: "ca",
      clientCertPem: "cert",
      clientKeyPem: "key",
    });
    expect(secret.metadata).toMatchObject({
      name: "vc-ws-1",
      namespace: "team-a",
      ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "ws-1", uid: "uid-1" }],
    });
    const decoded = Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, "base64").toString()]),
    );
    expect(decoded).toEqual({
      config: "apiVersion: v1\n",
      "certificate-authority": "ca",
      "client-certificate": "cert",
      "client-key": "key",
    });
  });
});
