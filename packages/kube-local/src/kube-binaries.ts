import { spawn } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { KUBE_BUILD_SCRIPT, readPinnedVersions } from "./pinned-versions";
import type { PinnedVersions } from "./pinned-versions";

export interface KubeBinaries {
  binDir: string;
  versions: PinnedVersions;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubectl: string;
  etcd: string;
}

const BINARY_NAMES = ["kube-apiserver", "kube-controller-manager", "kubectl", "etcd"] as const;

/**
 * Where build.sh caches the binaries; must match the rule in tools/kube-build/build.sh
 * (a unit test compares the two).
 */
export function kubeBinaryDir(versions: PinnedVersions, env: NodeJS.ProcessEnv = process.env): string {
  const cacheRoot =
    env.HKS_KUBE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "hexabase-kaas", "kube");
  return join(cacheRoot, `${versions.kube}-etcd${versions.etcd}`, "bin");
}

function binariesIn(binDir: string, versions: PinnedVersions): KubeBinaries {
  return {
    binDir,
    versions,
    kubeApiserver: join(binDir, "kube-apiserver"),
    kubeControllerManager: join(binDir, "kube-controller-manager"),
    kubectl: join(binDir, "kubectl"),
    etcd: join(binDir, "etcd"),
  };
}

/** True when build.sh finished (it writes COMPLETE last, after renaming the build into place). */
function isCompleteBuild(binDir: string): boolean {
  if (!existsSync(join(binDir, "..", "COMPLETE"))) return false;
  try {
    for (const name of BINARY_NAMES) accessSync(join(binDir, name), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface EnsureKubeBinariesOptions {
  /** Run build.sh when the binaries are missing (default true). Without it, a missing build is an error. */
  build?: boolean;
  /** Where build.sh's progress goes; defaults to this process's stderr. */
  buildOutput?: "inherit" | "ignore";
}

/**
 * Returns the pinned control-plane binaries, building them with tools/kube-build/build.sh
 * the first time (that takes many minutes; later calls only check the cache).
 */
export async function ensureKubeBinaries(options: EnsureKubeBinariesOptions = {}): Promise<KubeBinaries> {
  const versions = readPinnedVersions();
  const binDir = kubeBinaryDir(versions);
  if (isCompleteBuild(binDir)) return binariesIn(binDir, versions);
  if (options.build === false) {
    throw new Error(
      `Kubernetes control-plane binaries ${versions.kube} / etcd ${versions.etcd} are not built (looked in ${binDir}). ` +
        `Build them with: bash ${KUBE_BUILD_SCRIPT}`,
    );
  }
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn("bash", [KUBE_BUILD_SCRIPT], {
      stdio: ["ignore", "ignore", options.buildOutput === "ignore" ? "ignore" : "inherit"],
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  if (exitCode !== 0 || !isCompleteBuild(binDir)) {
    throw new Error(
      `building the Kubernetes control plane failed (${KUBE_BUILD_SCRIPT} exited with ${exitCode}); ` +
        `its output above says what failed. Fix that and re-run: bash ${KUBE_BUILD_SCRIPT}`,
    );
  }
  return binariesIn(binDir, versions);
}
