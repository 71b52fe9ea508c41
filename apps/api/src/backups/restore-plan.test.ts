import type { RawObject } from "@hks/kube";
import { describe, expect, it } from "vitest";
import { restoreOrder } from "./restore-plan";

const object = (apiVersion: string, kind: string, name: string, namespace?: string, owners: { apiVersion: string; kind: string; name: string }[] = []): RawObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), ...(owners.length > 0 ? { ownerReferences: owners.map((owner) => ({ ...owner, uid: "" })) } : {}) },
});
const label = (o: RawObject) => `${o.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata?.name}`;

describe("restore order", () => {
  it("puts namespaces first, then what workloads need, then workloads, then Services, then anything else", () => {
    const objects = [
      object("example.com/v1", "Widget", "w", "team-a"),
      object("v1", "Service", "web", "team-a"),
      object("apps/v1", "Deployment", "web", "team-a"),
      object("v1", "Secret", "db", "team-a"),
      object("v1", "ConfigMap", "settings", "team-b"),
      object("v1", "ConfigMap", "settings", "team-a"),
      object("v1", "ServiceAccount", "builder", "team-a"),
      object("v1", "PersistentVolumeClaim", "data", "team-a"),
      object("rbac.authorization.k8s.io/v1", "RoleBinding", "rb", "team-a"),
      object("rbac.authorization.k8s.io/v1", "Role", "r", "team-a"),
      object("v1", "Namespace", "team-b"),
      object("v1", "Namespace", "team-a"),
      object("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"),
      object("batch/v1", "CronJob", "nightly", "team-a"),
      object("v1", "Pod", "bare", "team-a"),
    ];
    expect(restoreOrder(objects).map(label)).toEqual([
      "CustomResourceDefinition/widgets.example.com",
      "Namespace/team-a",
      "Namespace/team-b",
      "ServiceAccount/team-a/builder",
      "ConfigMap/team-a/settings",
      "ConfigMap/team-b/settings",
      "Secret/team-a/db",
      "PersistentVolumeClaim/team-a/data",
      "Role/team-a/r",
      "RoleBinding/team-a/rb",
      "Deployment/team-a/web",
      "CronJob/team-a/nightly",
      "Pod/team-a/bare",
      "Service/team-a/web",
      "Widget/team-a/w",
    ]);
  });

  it("restores objects with owners after their owners, owners of owners first", () => {
    const objects = [
      object("v1", "ConfigMap", "grandchild", "n", [{ apiVersion: "v1", kind: "ConfigMap", name: "child" }]),
      object("v1", "ConfigMap", "child", "n", [{ apiVersion: "example.com/v1", kind: "Widget", name: "root" }]),
      object("example.com/v1", "Widget", "root", "n"),
      object("v1", "ConfigMap", "plain", "n"),
    ];
    expect(restoreOrder(objects).map(label)).toEqual(["ConfigMap/n/plain", "Widget/n/root", "ConfigMap/n/child", "ConfigMap/n/grandchild"]);
  });

  it("still orders everything when owners form a cycle", () => {
    const objects = [object("v1", "ConfigMap", "a", "n", [{ apiVersion: "v1", kind: "ConfigMap", name: "b" }]), object("v1", "ConfigMap", "b", "n", [{ apiVersion: "v1", kind: "ConfigMap", name: "a" }])];
    expect(restoreOrder(objects).map(label).sort()).toEqual(["ConfigMap/n/a", "ConfigMap/n/b"]);
  });

  it("is stable: the same input in any order gives the same plan", () => {
    const objects = [object("v1", "Secret", "b", "n"), object("v1", "Secret", "a", "n"), object("v1", "Namespace", "n")];
    expect(restoreOrder(objects).map(label)).toEqual(restoreOrder([...objects].reverse()).map(label));
  });
});
