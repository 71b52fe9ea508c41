import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { CliError } from "../cli-error";

export interface FileLockOptions {
  /** How long to wait for another holder before giving up. */
  timeoutMs?: number;
  /**
   * A lock older than this is taken to be left behind by a process that was killed. It must be
   * longer than any holder keeps it: the longest is a token refresh, bounded by its HTTP timeout.
   */
  staleMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_STALE_MS = 60_000;
const RETRY_MS = 25;

/**
 * Runs `work` while holding an exclusive lock file, so hks processes sharing a config file
 * (parallel `kubectl` calls running the credential plugin, a script next to a shell) take turns.
 * `open(…, "wx")` is atomic on local file systems: exactly one process creates the file.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const release = await acquireFileLock(lockPath, options);
  try {
    return await work();
  } finally {
    await release();
  }
}

async function acquireFileLock(lockPath: string, options: FileLockOptions): Promise<() => Promise<void>> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  await mkdir(dirname(lockPath), { recursive: true, mode: 0o700 });

  for (;;) {
    const owner = `${process.pid} ${randomBytes(8).toString("hex")}`;
    try {
      const handle = await open(lockPath, "wx", 0o600);
      try {
        await handle.writeFile(owner, "utf8");
      } finally {
        await handle.close();
      }
      // Remove the lock only if it is still ours: if we overran staleMs, another process may
      // have broken it and taken its own, which must survive our release.
      return async () => {
        if ((await readFile(lockPath, "utf8").catch(() => undefined)) === owner) await rm(lockPath, { force: true });
      };
    } catch (error) {
      if (!isErrno(error, "EEXIST")) {
        throw new CliError(`cannot create lock file ${lockPath}: ${(error as Error).message}`, { cause: error });
      }
    }

    if (await isAbandoned(lockPath, staleMs)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new CliError(`timed out waiting for another hks process to release ${lockPath}; if none is running, delete that file`);
    }
    // Jitter keeps waiting processes from retrying in lockstep.
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS + Math.random() * RETRY_MS));
  }
}

/** Left behind by a process that no longer exists, or held far longer than any holder needs. */
async function isAbandoned(lockPath: string, staleMs: number): Promise<boolean> {
  const info = await stat(lockPath).catch(() => undefined);
  if (!info) return false; // released meanwhile: just retry
  if (Date.now() - info.mtimeMs > staleMs) return true;
  const pid = Number.parseInt((await readFile(lockPath, "utf8").catch(() => "")).split(" ")[0] ?? "", 10);
  // An empty file is a holder between creating and writing it: alive.
  return Number.isSafeInteger(pid) && pid > 0 && !processExists(pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return !isErrno(error, "ESRCH");
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
