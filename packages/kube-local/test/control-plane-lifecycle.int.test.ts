import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startControlPlane } from "../src/control-plane";
import type { ControlPlane } from "../src/control-plane";
import { runKubectl } from "../src/kubectl";

/*
 * Start/stop behaviour itself is under test here, so this file starts control planes one after
 * another (never two at once) instead of sharing one.
 */
const parent = mkdtempSync(join(tmpdir(), "hks-kube-lifecycle-"));
const stateDir = join(parent, "state");
let current: ControlPlane | undefined;

afterAll(async () => {
  await current?.stop({ keepState: false });
  rmSync(parent, { recursive: true, force: true });
}, 60_000);

/** Running, as opposed to gone or a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return false;
  }
}

const pidsOf = (controlPlane: ControlPlane) => [
  controlPlane.etcdServer.process.pid,
  controlPlane.host.apiserver.pid,
  controlPlane.host.controllerManager.pid,
];

describe("control plane lifecycle", () => {
  let firstRun: { server: string; caPem: string; pids: number[] };

  it("starts on a new state dir and stops without leaving a process behind", { timeout: 240_000 }, async () => {
    current = await startControlPlane({ stateDir });
    const kubectl = (args: string[]) => runKubectl(current!.binaries.kubectl, current!.kubeconfigPath, args);
    expect((await kubectl(["create", "namespace", "persisted"])).code).toBe(0);
    expect((await kubectl(["create", "configmap", "kept", "-n", "persisted", "--from-literal=answer=42"])).code).toBe(0);
    firstRun = { server: current.server, caPem: current.caPem, pids: pidsOf(current) };
    expect(firstRun.pids.every(isAlive)).toBe(true);

    await current.stop();
    current = undefined;
    expect(firstRun.pids.filter(isAlive)).toEqual([]);
    // A given state dir is kept by default: that is what local mode persists in .state/kube.
    expect(existsSync(join(stateDir, "etcd"))).toBe(true);
    expect(existsSync(join(stateDir, "owner.pid"))).toBe(false);
  });

  it("resumes a persisted state dir with its data, CA and address", { timeout: 240_000 }, async () => {
    current = await startControlPlane({ stateDir });
    expect(current.caPem).toBe(firstRun.caPem);
    expect(current.server).toBe(firstRun.server); // the port was free again, so kubeconfigs stay valid
    const kept = await runKubectl(current.binaries.kubectl, current.kubeconfigPath, [
      "get", "configmap", "kept", "-n", "persisted", "-o", "jsonpath={.data.answer}",
    ]);
    expect([kept.code, kept.stdout]).toEqual([0, "42"]);
  });

  it("refuses a second control plane on a state dir that is in use", { timeout: 60_000 }, async () => {
    await expect(startControlPlane({ stateDir })).rejects.toThrow(/state dir .* is in use by process \d+/);
    // The running one is unaffected.
    const ok = await runKubectl(current!.binaries.kubectl, current!.kubeconfigPath, ["get", "namespace", "persisted"]);
    expect(ok.code).toBe(0);
  });

  it("removes the state dir when told not to keep it", { timeout: 60_000 }, async () => {
    const pids = pidsOf(current!);
    await current!.stop({ keepState: false });
    current = undefined;
    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(stateDir)).toBe(false);
  });

  it("uses and removes a fresh temp dir by default", { timeout: 240_000 }, async () => {
    current = await startControlPlane();
    const dir = current.stateDir;
    expect(dir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(current.kubeconfigPath)).toBe(true);
    await current.stop();
    current = undefined;
    expect(existsSync(dir)).toBe(false);
  });
});
