import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { VirtualClusterRef } from "./virtual-cluster-contract";

/**
 * On-disk state of the virtual clusters one runtime manages: `<stateDir>/vclusters/<ns>/<name>/`
 * holds the cluster's PKI, logs, last port and `record.json` naming the StatefulSet (by UID)
 * that owns the data. The objects themselves live in etcd under the cluster's prefix.
 */
export interface VirtualClusterRecord {
  uid: string;
  etcdPrefix: string;
}

export function virtualClusterDir(stateDir: string, ref: VirtualClusterRef): string {
  return join(stateDir, "vclusters", ref.namespace, ref.name);
}

export function readVirtualClusterRecord(stateDir: string, ref: VirtualClusterRef): VirtualClusterRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(virtualClusterDir(stateDir, ref), "record.json"), "utf8")) as VirtualClusterRecord;
  } catch {
    return undefined;
  }
}

export function writeVirtualClusterRecord(stateDir: string, ref: VirtualClusterRef, record: VirtualClusterRecord): void {
  const dir = virtualClusterDir(stateDir, ref);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, "record.json"), `${JSON.stringify(record, null, 2)}\n`);
}

export function removeVirtualClusterDir(stateDir: string, ref: VirtualClusterRef): void {
  rmSync(virtualClusterDir(stateDir, ref), { recursive: true, force: true });
}

/** Every virtual cluster that has state on disk (used to find data whose StatefulSet vanished). */
export function listRecordedVirtualClusters(stateDir: string): VirtualClusterRef[] {
  const root = join(stateDir, "vclusters");
  if (!existsSync(root)) return [];
  const refs: VirtualClusterRef[] = [];
  for (const namespace of readdirSync(root)) {
    for (const name of readdirSync(join(root, namespace))) {
      if (readVirtualClusterRecord(stateDir, { namespace, name })) refs.push({ namespace, name });
    }
  }
  return refs;
}
