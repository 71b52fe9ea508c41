import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Makes sure only one control plane uses a state dir at a time (two etcds on one data dir would
 * corrupt it). A lock left by a process that no longer exists is taken over. Returns the release.
 */
export function acquireStateDirLock(stateDir: string): () => void {
  const lockFile = join(stateDir, "owner.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: "wx" });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
      if (Number.isInteger(owner) && isAlive(owner)) {
        throw new Error(
          `state dir ${stateDir} is in use by process ${owner} (another local control plane); stop it first or use another --state-dir`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not lock state dir ${stateDir}`);
}
