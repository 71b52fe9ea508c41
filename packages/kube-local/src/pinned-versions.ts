import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The build tooling that owns the pinned versions and the wrapper Go modules. */
export const KUBE_BUILD_DIR = fileURLToPath(new URL("../../../tools/kube-build/", import.meta.url));
export const KUBE_BUILD_SCRIPT = `${KUBE_BUILD_DIR}build.sh`;

export interface PinnedVersions {
  /** k8s.io/kubernetes version, e.g. `v1.35.4`. */
  kube: string;
  /** go.etcd.io/etcd/server/v3 version, e.g. `v3.6.16`. */
  etcd: string;
}

/**
 * Parses tools/kube-build/versions.env. It is shell syntax (sourced by build.sh), so only
 * plain `KEY=value` lines are accepted: anything cleverer would make the two readers disagree.
 */
export function parseVersionsEnv(text: string): PinnedVersions {
  const values = new Map<string, string>();
  for (const rawLine of text.split("\n")) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Z_]+)=([A-Za-z0-9.+-]+)$/.exec(line);
    if (!match) throw new Error(`versions.env: unsupported line ${JSON.stringify(rawLine)} (expected KEY=value)`);
    values.set(match[1]!, match[2]!);
  }
  const kube = values.get("KUBE_VERSION");
  const etcd = values.get("ETCD_VERSION");
  if (!kube || !etcd) throw new Error("versions.env must define KUBE_VERSION and ETCD_VERSION");
  return { kube, etcd };
}

export function readPinnedVersions(): PinnedVersions {
  return parseVersionsEnv(readFileSync(`${KUBE_BUILD_DIR}versions.env`, "utf8"));
}
