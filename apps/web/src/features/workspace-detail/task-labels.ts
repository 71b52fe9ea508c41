import type { TaskResponse } from "@hks/contracts";

/** Tasks and their steps in words. Kinds and step names come from the API's task definitions; unknown ones are made readable rather than hidden. */
const kindLabels: Record<string, string> = {
  "workspace.provision": "Provisioning",
  "workspace.start": "Starting",
  "workspace.stop": "Stopping",
  "workspace.restart": "Restarting",
  "workspace.upgrade": "Upgrading Kubernetes",
  "workspace.resize": "Resizing",
  "workspace.delete": "Deleting",
};

const acronyms: Record<string, string> = { rbac: "RBAC", api: "API", dns: "DNS", k8s: "K8s" };

/** "configure-projects-and-rbac" → "Configure projects and RBAC" */
export function humanizeName(name: string): string {
  const words = name.split(/[-_.\s]+/).filter(Boolean).map((word) => acronyms[word.toLowerCase()] ?? word.toLowerCase());
  const sentence = words.join(" ");
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export function taskKindLabel(kind: string): string {
  return kindLabels[kind] ?? humanizeName(kind.split(".").at(-1) ?? kind);
}

const taskStatusLabels: Record<TaskResponse["status"], string> = {
  PENDING: "Queued",
  RUNNING: "In progress",
  SUCCEEDED: "Succeeded",
  ERROR: "Failed",
  CANCELLED: "Cancelled",
};

export function taskStatusLabel(status: TaskResponse["status"]): string {
  return taskStatusLabels[status];
}

const stepStatusLabels: Record<TaskResponse["steps"][number]["status"], string> = {
  PENDING: "Waiting",
  RUNNING: "In progress",
  DONE: "Done",
  FAILED: "Failed",
};

export function stepStatusLabel(status: TaskResponse["steps"][number]["status"]): string {
  return stepStatusLabels[status];
}
