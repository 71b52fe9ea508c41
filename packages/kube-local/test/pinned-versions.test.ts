import { describe, expect, it } from "vitest";
import { parseVersionsEnv, readPinnedVersions } from "../src/pinned-versions";

describe("parseVersionsEnv", () => {
  it("reads KUBE_VERSION and ETCD_VERSION, ignoring comments and blank lines", () => {
    expect(parseVersionsEnv("# pinned\nKUBE_VERSION=v1.35.4\n\nETCD_VERSION=v3.6.16\n")).toEqual({
      kube: "v1.35.4",
      etcd: "v3.6.16",
    });
  });

  it("rejects shell syntax the TypeScript reader could not follow", () => {
    expect(() => parseVersionsEnv('KUBE_VERSION="$(echo v1)"\nETCD_VERSION=v3.6.16')).toThrow(/unsupported line/);
  });

  it("requires both versions", () => {
    expect(() => parseVersionsEnv("KUBE_VERSION=v1.35.4\n")).toThrow(/ETCD_VERSION/);
  });

  it("pins Kubernetes >= 1.34 and etcd >= 3.5.13 in the checked-in file", () => {
    const { kube, etcd } = readPinnedVersions();
    const [kubeMajor, kubeMinor] = kube.slice(1).split(".").map(Number);
    const [etcdMajor, etcdMinor, etcdPatch] = etcd.slice(1).split(".").map(Number);
    expect(kubeMajor).toBe(1);
    expect(kubeMinor).toBeGreaterThanOrEqual(34);
    expect(etcdMajor! * 10_000 + etcdMinor! * 100 + etcdPatch!).toBeGreaterThanOrEqual(3 * 10_000 + 5 * 100 + 13);
  });
});
