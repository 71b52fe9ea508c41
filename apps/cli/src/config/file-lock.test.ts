import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withFileLock } from "./file-lock";

let dir: string;
let lockPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "hks-lock-"));
  lockPath = join(dir, "nested", "config.json.lock");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pid of a process that has exited, so the OS reports it as gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  if (child.pid === undefined) throw new Error("no pid");
  return child.pid;
}

describe("withFileLock", () => {
  it("lets one holder in at a time and removes the lock afterwards", async () => {
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        withFileLock(lockPath, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await sleep(10);
          order.push(index);
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toHaveLength(6);
    expect(await readdir(join(dir, "nested"))).toEqual([]);
  });

  it("releases the lock when the work throws", async () => {
    await expect(withFileLock(lockPath, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(withFileLock(lockPath, async () => "again")).resolves.toBe("again");
  });

  it("breaks a lock left by a process that no longer exists", async () => {
    await withFileLock(lockPath, async () => {}); // creates the directory
    await writeFile(lockPath, `${await deadPid()} abandoned`);
    await expect(withFileLock(lockPath, async () => "taken", { timeoutMs: 1_000 })).resolves.toBe("taken");
  });

  it("breaks a lock older than staleMs even if its holder seems alive", async () => {
    await withFileLock(lockPath, async () => {});
    await writeFile(lockPath, `${process.pid} hung`);
    const longAgo = new Date(Date.now() - 120_000);
    await utimes(lockPath, longAgo, longAgo);
    await expect(withFileLock(lockPath, async () => "taken", { timeoutMs: 1_000, staleMs: 60_000 })).resolves.toBe("taken");
  });

  it("gives up on a live holder after timeoutMs, naming the lock file", async () => {
    await withFileLock(lockPath, async () => {
      await expect(withFileLock(lockPath, async () => "never", { timeoutMs: 100 })).rejects.toThrow(
        `timed out waiting for another hks process to release ${lockPath}`,
      );
    });
  });
});
