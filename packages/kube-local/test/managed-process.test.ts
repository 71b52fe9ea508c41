import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { ManagedProcess } from "../src/managed-process";

const dir = mkdtempSync(join(tmpdir(), "hks-kube-process-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Running, as opposed to gone or a zombie waiting for init to reap it. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

async function readPid(process: ManagedProcess, marker: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const match = new RegExp(`${marker}=(\\d+)`).exec(process.logTail(100));
    if (match) return Number(match[1]);
    await sleep(20);
  }
  throw new Error(`no ${marker} in ${process.logFile}`);
}

describe("ManagedProcess", () => {
  it("stop() kills the whole process tree, not just the leader", { timeout: 20_000 }, async () => {
    const proc = ManagedProcess.start({
      name: "tree",
      command: "sh",
      args: ["-c", "sleep 300 & echo grandchild=$!; wait"],
      logFile: join(dir, "tree.log"),
    });
    const grandchild = await readPid(proc, "grandchild");
    expect(isAlive(grandchild)).toBe(true);
    await proc.stop();
    expect(proc.isRunning).toBe(false);
    await sleep(50);
    expect(isAlive(grandchild)).toBe(false);
  });

  it("escalates to SIGKILL when SIGTERM is ignored", { timeout: 20_000 }, async () => {
    const proc = ManagedProcess.start({
      name: "stubborn",
      command: "sh",
      args: ["-c", "trap '' TERM; echo started=$$; while true; do sleep 1; done"],
      logFile: join(dir, "stubborn.log"),
    });
    await readPid(proc, "started");
    const startedAt = Date.now();
    await proc.stop(500);
    expect(proc.isRunning).toBe(false);
    expect((await proc.exited).signal).toBe("SIGKILL");
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it("describes an unexpected exit with the tail of its log", { timeout: 20_000 }, async () => {
    const proc = ManagedProcess.start({
      name: "failing",
      command: "sh",
      args: ["-c", "echo 'listen tcp: address already in use' >&2; exit 3"],
      logFile: join(dir, "failing.log"),
    });
    await proc.exited;
    expect(proc.describeExit()).toMatch(/failing \(pid \d+\) exited with code 3/);
    expect(proc.describeExit()).toContain("address already in use");
  });

  it("a watchdog kills the group when the owning process dies without cleaning up", { timeout: 20_000 }, async () => {
    // An owner that starts a child through ManagedProcess and is then SIGKILLed.
    const owner = ManagedProcess.start({
      name: "owner",
      command: process.execPath,
      args: [
        "--import",
        "tsx",
        "-e",
        `import { ManagedProcess } from ${JSON.stringify(join(import.meta.dirname, "../src/managed-process.ts"))};
         const child = ManagedProcess.start({ name: "orphan", command: "sleep", args: ["300"], logFile: ${JSON.stringify(join(dir, "orphan.log"))} });
         console.log("orphan=" + child.pid);
         setInterval(() => {}, 1000);`,
      ],
      logFile: join(dir, "owner.log"),
    });
    const orphan = await readPid(owner, "orphan");
    expect(isAlive(orphan)).toBe(true);
    process.kill(owner.pid, "SIGKILL");
    await owner.exited;
    for (let i = 0; i < 50 && isAlive(orphan); i++) await sleep(100);
    expect(isAlive(orphan)).toBe(false);
    await owner.stop();
  });
});
