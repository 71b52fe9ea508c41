import type { KubeObject } from "./kube-object";
import { LABEL, managedLabels, treeLabel } from "./labels";
import { projectNamespaceOf } from "./names";
import { cpu, memory, storage } from "./quantities";
import type { ProjectSpec } from "./specs";

/**
 * A project's namespace inside the virtual cluster, with the hierarchy as labels (one per
 * ancestor with its distance, so "everything under project X" is one label selector), its quota,
 * defaults for containers that declare nothing, and a default-deny network policy with an
 * exception for traffic inside the project.
 *
 * `ancestors` runs from the parent up to the root.
 */
export function renderProjectNamespace(project: ProjectSpec, ancestors: Pick<ProjectSpec, "id">[]): KubeObject[] {
  const namespace = projectNamespaceOf(project.name);
  const tree: Record<string, string> = { [treeLabel(project.id)]: "0" };
  ancestors.forEach((ancestor, index) => (tree[treeLabel(ancestor.id)] = String(index + 1)));
  const projectLabels = {
    [LABEL.project]: project.id,
    [LABEL.workspace]: project.workspaceId,
    [LABEL.treeDepth]: String(ancestors.length),
    ...(project.parentId ? { [LABEL.parentProject]: project.parentId } : {}),
  };
  const labels = (component: string) => managedLabels(component, { [LABEL.project]: project.id });

  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels: managedLabels("project", { ...projectLabels, ...tree }) } },
    {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "project-quota", namespace, labels: labels("quota") },
      spec: {
        hard: {
          "requests.cpu": cpu(project.cpuMillicores),
          "limits.cpu": cpu(project.cpuMillicores * 2),
          "requests.memory": memory(project.memoryMib),
          "limits.memory": memory(project.memoryMib),
          "requests.storage": storage(project.storageGib),
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "project-defaults", namespace, labels: labels("quota") },
      spec: {
        limits: [
          {
            type: "Container",
            defaultRequest: { cpu: cpu(Math.min(100, project.cpuMillicores)), memory: memory(Math.min(128, project.memoryMib)) },
            default: { cpu: cpu(Math.min(500, project.cpuMillicores)), memory: memory(Math.min(512, project.memoryMib)) },
          },
        ],
      },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "default-deny", namespace, labels: labels("network-policy") },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-within-project", namespace, labels: labels("network-policy") },
      spec: {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [
          { to: [{ podSelector: {} }] },
          // Name resolution, or nothing inside the project could find anything.
          { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
        ],
      },
    },
  ];
}
