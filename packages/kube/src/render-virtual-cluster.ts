import type { KubeObject } from "./kube-object";
import { LABEL, managedLabels } from "./labels";
import { hostNamespaceOf, VIRTUAL_CLUSTER_NAME } from "./names";
import { cpu, memory, storage } from "./quantities";
import type { WorkspaceSpec } from "./specs";

/** The vCluster image; one version for every workspace, upgraded with the platform. */
export const VCLUSTER_IMAGE = "ghcr.io/loft-sh/vcluster-oss:0.29.1";
/** Node pool label that dedicated workspaces are pinned to (and shared ones kept off). */
export const DEDICATED_NODE_LABEL = "hexabase.io/dedicated-workspace";

/**
 * Everything a workspace's virtual cluster needs in its host namespace: the namespace itself,
 * vCluster's service account and namespaced RBAC, its API service, the StatefulSet (replicas 1 =
 * running, 0 = stopped), and guard rails sized by the plan — a ResourceQuota on what the
 * workspace's synced pods may use, defaults for pods that declare nothing, and a NetworkPolicy
 * that keeps other namespaces out.
 */
export function renderVirtualCluster(workspace: WorkspaceSpec, options: { replicas: 0 | 1 }): KubeObject[] {
  const namespace = hostNamespaceOf(workspace.id);
  const name = VIRTUAL_CLUSTER_NAME;
  const ownerLabels = { [LABEL.organization]: workspace.organizationId, [LABEL.workspace]: workspace.id };
  const selector = { app: "vcluster", release: name };
  const labels = managedLabels("vcluster", { ...ownerLabels, ...selector });
  const dedicated = workspace.nodes === "dedicated";

  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels: managedLabels("workspace", ownerLabels) } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: `vc-${name}`, namespace, labels } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: `vc-${name}`, namespace, labels },
      // What vCluster's syncer needs in its own host namespace, and nothing outside it.
      rules: [
        { apiGroups: [""], resources: ["configmaps", "secrets", "services", "pods", "pods/attach", "pods/portforward", "pods/exec", "persistentvolumeclaims", "serviceaccounts", "endpoints", "events"], verbs: ["create", "delete", "patch", "update", "get", "list", "watch"] },
        { apiGroups: ["apps"], resources: ["statefulsets", "replicasets", "deployments"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: ["create", "delete", "patch", "update", "get", "list", "watch"] },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: `vc-${name}`, namespace, labels },
      subjects: [{ kind: "ServiceAccount", name: `vc-${name}`, namespace }],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `vc-${name}` },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace, labels },
      spec: { type: "ClusterIP", selector, ports: [{ name: "https", port: 443, targetPort: 8443, protocol: "TCP" }] },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: `${name}-headless`, namespace, labels },
      spec: { clusterIP: "None", publishNotReadyAddresses: true, selector, ports: [{ name: "https", port: 443, targetPort: 8443, protocol: "TCP" }] },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name, namespace, labels, annotations: { "hexabase.io/kubernetes-version": workspace.kubernetesVersion } },
      spec: {
        replicas: options.replicas,
        serviceName: `${name}-headless`,
        podManagementPolicy: "Parallel",
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: `vc-${name}`,
            terminationGracePeriodSeconds: 10,
            ...(dedicated
              ? {
                  nodeSelector: { [DEDICATED_NODE_LABEL]: workspace.id },
                  tolerations: [{ key: DEDICATED_NODE_LABEL, operator: "Equal", value: workspace.id, effect: "NoSchedule" }],
                }
              : {}),
            containers: [
              {
                name: "syncer",
                image: VCLUSTER_IMAGE,
                args: ["--name", name, "--kube-version", workspace.kubernetesVersion],
                ports: [{ name: "https", containerPort: 8443, protocol: "TCP" }],
                resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "2Gi" } },
                readinessProbe: { httpGet: { path: "/readyz", port: 8443, scheme: "HTTPS" }, periodSeconds: 2, failureThreshold: 60 },
                volumeMounts: [{ name: "data", mountPath: "/data" }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "5Gi" } } } },
        ],
      },
    },
    {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "workspace-quota", namespace, labels: managedLabels("quota", ownerLabels) },
      spec: {
        hard: {
          "requests.cpu": cpu(workspace.cpuMillicores),
          "limits.cpu": cpu(workspace.cpuMillicores * 2),
          "requests.memory": memory(workspace.memoryMib),
          "limits.memory": memory(workspace.memoryMib),
          "requests.storage": storage(workspace.storageGib),
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "workspace-defaults", namespace, labels: managedLabels("quota", ownerLabels) },
      spec: { limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { cpu: "500m", memory: "512Mi" } }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "workspace-isolation", namespace, labels: managedLabels("network-policy", ownerLabels) },
      // Pods of this workspace talk to each other; nothing from other namespaces gets in.
      spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] },
    },
  ];
}
