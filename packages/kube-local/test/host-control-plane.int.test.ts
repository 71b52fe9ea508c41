import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCertificate, ensureCertificateAuthority } from "../src/certificates";
import { startControlPlane } from "../src/control-plane";
import type { ControlPlane } from "../src/control-plane";
import { kubeRequest } from "../src/kube-request";
import { runKubectl } from "../src/kubectl";

/** One real control plane (etcd, kube-apiserver, kube-controller-manager) for the whole file. */
let controlPlane: ControlPlane;

beforeAll(async () => {
  controlPlane = await startControlPlane();
}, 240_000);

afterAll(async () => {
  await controlPlane?.stop();
}, 60_000);

const kubectl = (args: string[], input?: string) =>
  runKubectl(controlPlane.binaries.kubectl, controlPlane.kubeconfigPath, args, input === undefined ? {} : { input });

async function kubectlOk(args: string[], input?: string): Promise<string> {
  const result = await kubectl(args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

/** Retries until `fn` stops throwing, for things controllers do asynchronously. */
async function eventually<T>(fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

const pod = (name: string, namespace: string, cpu?: string) => `
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  containers:
  - name: app
    image: registry.k8s.io/pause:3.10
${cpu ? `    resources: { requests: { cpu: ${cpu}, memory: 16Mi }, limits: { cpu: ${cpu}, memory: 16Mi } }` : ""}
`;

describe("host control plane", () => {
  it("serves the pinned Kubernetes version on /version and to the built kubectl", async () => {
    const version = await kubeRequest(
      { server: controlPlane.server, caPem: controlPlane.caPem, certPem: controlPlane.adminCertPem, keyPem: controlPlane.adminKeyPem },
      { path: "/version" },
    );
    expect(version.status).toBe(200);
    const expected = controlPlane.binaries.versions.kube;
    expect(JSON.parse(version.body)).toMatchObject({ gitVersion: expected, major: "1", minor: expected.split(".")[1] });
    const both = JSON.parse(await kubectlOk(["version", "-o", "json"])) as {
      clientVersion: { gitVersion: string };
      serverVersion: { gitVersion: string };
    };
    expect(both.clientVersion.gitVersion).toBe(expected);
    expect(both.serverVersion.gitVersion).toBe(expected);
  });

  it("is ready with the default namespace and ServiceAccount, and signs service-account tokens", async () => {
    expect(await kubectlOk(["get", "serviceaccount", "default", "-n", "default", "-o", "name"])).toBe(
      "serviceaccount/default\n",
    );
    const token = (await kubectlOk(["create", "token", "default", "-n", "default"])).trim();
    const review = JSON.parse(
      await kubectlOk(
        ["create", "-o", "json", "-f", "-"],
        JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "TokenReview", spec: { token } }),
      ),
    ) as { status: { authenticated?: boolean; user?: { username?: string } } };
    expect(review.status.authenticated).toBe(true);
    expect(review.status.user?.username).toBe("system:serviceaccount:default:default");
  });

  it("creates Namespace, ResourceQuota, LimitRange, Role, RoleBinding and NetworkPolicy", async () => {
    await kubectlOk(
      ["apply", "-f", "-"],
      `
apiVersion: v1
kind: Namespace
metadata: { name: objects, labels: { hexabase.io/project: objects } }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: project-quota, namespace: objects }
spec: { hard: { pods: "10", requests.cpu: "2", requests.memory: 1Gi } }
---
apiVersion: v1
kind: LimitRange
metadata: { name: defaults, namespace: objects }
spec:
  limits:
  - type: Container
    default: { cpu: 100m, memory: 64Mi }
    defaultRequest: { cpu: 50m, memory: 32Mi }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: objects }
rules:
- { apiGroups: [""], resources: [configmaps], verbs: [get, list, watch] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader, namespace: objects }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects:
- { apiGroup: rbac.authorization.k8s.io, kind: User, name: someone }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: objects }
spec: { podSelector: {}, policyTypes: [Ingress, Egress] }
`,
    );
    const names = await kubectlOk([
      "get",
      "resourcequota,limitrange,role,rolebinding,networkpolicy",
      "-n",
      "objects",
      "-o",
      "name",
    ]);
    expect(names.trim().split("\n").sort()).toEqual([
      "limitrange/defaults",
      "networkpolicy.networking.k8s.io/default-deny",
      "resourcequota/project-quota",
      "role.rbac.authorization.k8s.io/reader",
      "rolebinding.rbac.authorization.k8s.io/reader",
    ]);
    // The LimitRanger admission plugin fills in defaults on a real Pod.
    await eventually(() => kubectlOk(["apply", "-f", "-"], pod("defaulted", "objects")));
    const requests = await kubectlOk([
      "get",
      "pod",
      "defaulted",
      "-n",
      "objects",
      "-o",
      "jsonpath={.spec.containers[0].resources.requests.cpu}",
    ]);
    expect(requests).toBe("50m");
    // The quota controller accounts for it.
    await eventually(async () => {
      const used = await kubectlOk(["get", "resourcequota", "project-quota", "-n", "objects", "-o", "jsonpath={.status.used.pods}"]);
      expect(used).toBe("1");
    });
  });

  it("creates a CustomResourceDefinition and a custom resource", async () => {
    await kubectlOk(
      ["apply", "-f", "-"],
      `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.hexabase.io }
spec:
  group: example.hexabase.io
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: { type: object, properties: { size: { type: integer, minimum: 1 } } }
`,
    );
    await kubectlOk(["wait", "--for=condition=Established", "crd/widgets.example.hexabase.io", "--timeout=60s"]);
    await eventually(() =>
      kubectlOk(
        ["apply", "-f", "-"],
        "apiVersion: example.hexabase.io/v1\nkind: Widget\nmetadata: { name: w1, namespace: default }\nspec: { size: 3 }\n",
      ),
    );
    expect(await kubectlOk(["get", "widget", "w1", "-n", "default", "-o", "jsonpath={.spec.size}"])).toBe("3");
    // The schema is enforced by the real apiserver.
    const invalid = await kubectl(
      ["apply", "-f", "-"],
      "apiVersion: example.hexabase.io/v1\nkind: Widget\nmetadata: { name: w2, namespace: default }\nspec: { size: 0 }\n",
    );
    expect(invalid.code).not.toBe(0);
    expect(invalid.stderr).toMatch(/spec\.size.*should be greater than or equal to 1/);
  });

  it("rejects a Pod over the namespace's quota in the admission chain", async () => {
    await kubectlOk(
      ["apply", "-f", "-"],
      `
apiVersion: v1
kind: Namespace
metadata: { name: quota }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: tight, namespace: quota }
spec: { hard: { pods: "2", requests.cpu: 500m, limits.cpu: 500m, requests.memory: 1Gi, limits.memory: 1Gi } }
`,
    );
    // Admission refuses pods until the quota controller has computed the quota's status.
    await eventually(() => kubectlOk(["apply", "-f", "-"], pod("fits", "quota", "400m")));
    const overCpu = await kubectl(["apply", "-f", "-"], pod("too-big", "quota", "200m"));
    expect(overCpu.code).not.toBe(0);
    expect(overCpu.stderr).toMatch(/forbidden: exceeded quota: tight, requested: .*cpu=200m, used: .*cpu=400m, limited: .*cpu=500m/);
    await kubectlOk(["apply", "-f", "-"], pod("small", "quota", "100m"));
    const overCount = await eventually(async () => {
      const result = await kubectl(["apply", "-f", "-"], pod("third", "quota", "1m"));
      expect(result.stderr).toMatch(/exceeded quota: tight, requested: .*pods=1.*, used: .*pods=2.*, limited: .*pods=2/);
      return result;
    });
    expect(overCount.code).not.toBe(0);
    expect(await kubectlOk(["get", "pods", "-n", "quota", "-o", "name"])).toBe("pod/fits\npod/small\n");
  });

  it("completes a namespace deletion (the namespace controller finalizes it)", async () => {
    await kubectlOk(["create", "namespace", "doomed"]);
    await kubectlOk(["create", "configmap", "data", "-n", "doomed", "--from-literal=k=v"]);
    await kubectlOk(["create", "role", "r", "-n", "doomed", "--verb=get", "--resource=pods"]);
    await kubectlOk(["delete", "namespace", "doomed", "--wait=true", "--timeout=90s"]);
    const gone = await kubectl(["get", "namespace", "doomed"]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/NotFound/);
  });

  it("garbage-collects dependents of a deleted owner", async () => {
    await kubectlOk(["create", "configmap", "owner", "-n", "default"]);
    const uid = await kubectlOk(["get", "configmap", "owner", "-n", "default", "-o", "jsonpath={.metadata.uid}"]);
    await kubectlOk(
      ["apply", "-f", "-"],
      JSON.stringify({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "dependent", namespace: "default", ownerReferences: [{ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid }] },
      }),
    );
    await kubectlOk(["delete", "configmap", "owner", "-n", "default"]);
    await eventually(async () => {
      const result = await kubectl(["get", "configmap", "dependent", "-n", "default"]);
      expect(result.stderr).toMatch(/NotFound/);
    });
  });

  describe("RBAC", () => {
    beforeAll(async () => {
      await kubectlOk(
        ["apply", "-f", "-"],
        `
apiVersion: v1
kind: Namespace
metadata: { name: rbac }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: rbac }
data: { k: v }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: config-reader, namespace: rbac }
rules:
- { apiGroups: [""], resources: [configmaps], verbs: [get, list] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: config-readers, namespace: rbac }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader }
subjects:
- { apiGroup: rbac.authorization.k8s.io, kind: User, name: user-alice }
- { apiGroup: rbac.authorization.k8s.io, kind: Group, name: group-readers }
`,
      );
    });

    it("answers kubectl auth can-i for bound and unbound identities", async () => {
      const can = (as: string[], verb: string) => kubectl(["auth", "can-i", verb, "configmaps", "-n", "rbac", ...as]);
      const alice = await can(["--as=user-alice"], "list");
      expect([alice.code, alice.stdout.trim()]).toEqual([0, "yes"]);
      const viaGroup = await can(["--as=user-carol", "--as-group=group-readers"], "get");
      expect([viaGroup.code, viaGroup.stdout.trim()]).toEqual([0, "yes"]);
      const aliceDelete = await can(["--as=user-alice"], "delete");
      expect([aliceDelete.code, aliceDelete.stdout.trim()]).toEqual([1, "no"]);
      const mallory = await can(["--as=user-mallory"], "list");
      expect([mallory.code, mallory.stdout.trim()]).toEqual([1, "no"]);
    });

    it("lets a bound client certificate read and answers an unbound one with 403", async () => {
      const alice = await controlPlane.issueClientIdentity("user-alice");
      const mallory = await controlPlane.issueClientIdentity("user-mallory", ["some-other-group"]);

      const allowed = await runKubectl(controlPlane.binaries.kubectl, alice.kubeconfigPath, [
        "get", "configmap", "settings", "-n", "rbac", "-o", "jsonpath={.data.k}",
      ]);
      expect([allowed.code, allowed.stdout]).toEqual([0, "v"]);

      const denied = await runKubectl(controlPlane.binaries.kubectl, mallory.kubeconfigPath, [
        "get", "configmap", "settings", "-n", "rbac",
      ]);
      expect(denied.code).not.toBe(0);
      expect(denied.stderr).toMatch(/Forbidden.*User "user-mallory" cannot get resource "configmaps".*namespace "rbac"/);

      const endpoint = { server: controlPlane.server, caPem: controlPlane.caPem };
      const raw = await kubeRequest(
        { ...endpoint, certPem: mallory.certPem, keyPem: mallory.keyPem },
        { path: "/api/v1/namespaces/rbac/configmaps/settings" },
      );
      expect(raw.status).toBe(403);
      expect(JSON.parse(raw.body)).toMatchObject({ kind: "Status", reason: "Forbidden", code: 403 });
      const rawAllowed = await kubeRequest(
        { ...endpoint, certPem: alice.certPem, keyPem: alice.keyPem },
        { path: "/api/v1/namespaces/rbac/configmaps/settings" },
      );
      expect(rawAllowed.status).toBe(200);
    });

    it("rejects a client certificate from another CA with 401", async () => {
      const stranger = await foreignAdminIdentity();
      const raw = await kubeRequest(
        { server: controlPlane.server, caPem: controlPlane.caPem, certPem: stranger.certPem, keyPem: stranger.keyPem },
        { path: "/api/v1/namespaces" },
      );
      expect(raw.status).toBe(401);
    });
  });
});

/** A certificate for `system:masters` that is signed by a CA the host does not trust. */
async function foreignAdminIdentity(): Promise<{ certPem: string; keyPem: string }> {
  const dir = mkdtempSync(join(tmpdir(), "hks-foreign-ca-"));
  try {
    const ca = await ensureCertificateAuthority(dir, "foreign");
    const cert = await ensureCertificate(dir, ca, {
      baseName: "intruder",
      commonName: "kubernetes-admin",
      organizations: ["system:masters"],
      usage: "client",
    });
    return { certPem: cert.certPem, keyPem: cert.keyPem };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
