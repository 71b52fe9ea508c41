import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KUBE_BUILD_DIR, KUBE_BUILD_SCRIPT } from "../src/pinned-versions";

const scratch = mkdtempSync(join(tmpdir(), "hks-kube-build-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runBuild(env: Record<string, string>) {
  return spawnSync("bash", [KUBE_BUILD_SCRIPT], { env, encoding: "utf8", timeout: 120_000 });
}

describe("tools/kube-build/staging-replaces.sh", () => {
  it("maps every staging module, in a block or on its own line, to the published version", () => {
    const result = spawnSync(
      "bash",
      [join(KUBE_BUILD_DIR, "staging-replaces.sh"), join(import.meta.dirname, "fixtures/kubernetes.go.mod"), "v0.35.4"],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n").map((line) => line.trim())).toEqual([
      "k8s.io/api => k8s.io/api v0.35.4",
      "k8s.io/client-go => k8s.io/client-go v0.35.4",
      "k8s.io/kms => k8s.io/kms v0.35.4",
    ]);
  });
});

describe("tools/kube-build/build.sh", () => {
  it("stops with a message naming the missing Go toolchain and how to fix it", () => {
    const result = runBuild({ PATH: "/usr/bin:/bin", HOME: scratch, HKS_KUBE_CACHE_DIR: join(scratch, "no-go") });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Go toolchain \('go'\) is not on PATH/);
    expect(result.stderr).toMatch(/https:\/\/go\.dev\/dl\//);
    expect(result.stderr).toMatch(/re-run: tools\/kube-build\/build\.sh/);
  });

  it("stops with a message saying which build failed and how to fix it, leaving no partial cache", () => {
    const cacheDir = join(scratch, "failed-build");
    const result = runBuild({
      PATH: process.env.PATH ?? "",
      HOME: scratch,
      HKS_KUBE_CACHE_DIR: cacheDir,
      // An empty module cache with the proxy switched off: the dependency download fails.
      GOMODCACHE: join(scratch, "empty-modcache"),
      GOPROXY: "off",
      GOFLAGS: "",
      GOCACHE: join(scratch, "gocache"),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ERROR: go build of Kubernetes v1\.\d+\.\d+ failed/);
    expect(result.stderr).toMatch(/check GOPROXY \(off\)/);
    expect(result.stderr).toMatch(/re-run: tools\/kube-build\/build\.sh/);
    const leftovers = spawnSync("ls", ["-A", cacheDir], { encoding: "utf8" }).stdout.trim().split("\n");
    expect(leftovers.filter((entry) => entry !== "" && entry !== ".build.lock")).toEqual([]);
  });
});
