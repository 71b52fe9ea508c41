import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { kubeBinaryDir } from "../src/kube-binaries";
import { KUBE_BUILD_SCRIPT, readPinnedVersions } from "../src/pinned-versions";

/** The TypeScript side and build.sh must agree on where the binaries are cached. */
function scriptBinDir(env: Record<string, string>): string {
  return execFileSync("bash", [KUBE_BUILD_SCRIPT, "--print-bin-dir"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
  }).trim();
}

describe("kubeBinaryDir", () => {
  const versions = readPinnedVersions();

  const environments: Record<string, string>[] = [
    { HOME: "/home/alice" },
    { HOME: "/home/alice", XDG_CACHE_HOME: "/var/cache/alice" },
    { HOME: "/home/alice", XDG_CACHE_HOME: "/var/cache/alice", HKS_KUBE_CACHE_DIR: "/opt/kube-cache" },
  ];

  it.each(environments)("matches build.sh --print-bin-dir with %o", (env) => {
    expect(kubeBinaryDir(versions, env)).toBe(scriptBinDir(env));
  });

  it("is keyed by both pinned versions and lies outside the checkout", () => {
    const dir = kubeBinaryDir(versions, { HOME: "/home/alice" });
    expect(dir).toBe(`/home/alice/.cache/hexabase-kaas/kube/${versions.kube}-etcd${versions.etcd}/bin`);
  });
});
