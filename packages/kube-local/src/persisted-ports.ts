import { readFileSync, writeFileSync } from "node:fs";

/**
 * Ports a persisted cluster used last time. Reusing them keeps kubeconfigs that were handed out
 * (and etcd's recorded peer URL) valid across restarts; a port that is taken now is replaced.
 */
export function readPersistedPorts(file: string): Record<string, number> {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, number] => Number.isInteger(entry[1])),
    );
  } catch {
    return {};
  }
}

export function writePersistedPorts(file: string, ports: Record<string, number>): void {
  writeFileSync(file, `${JSON.stringify(ports, null, 2)}\n`);
}
