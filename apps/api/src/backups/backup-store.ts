import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { BackupManifest } from "./backup-archive";

/** A backup file could not be read, written or removed; the message names no path. */
export class BackupFileError extends Error {}

const SAFE_ID = /^[a-z]+_[0-9a-z]{26}$/;

/**
 * Where backup files live: `<backupDir>/<organization id>/<workspace id>/<backup id>.sealed`
 * with `<backup id>.manifest.json` next to it. Directories are 0700 and files 0600 (the platform's
 * user only); a file is written under a temporary name, flushed and renamed, so a crash never
 * leaves a half-written file under the real name. Rows store the path relative to the backup
 * directory, so the directory can move. Paths never leave the platform.
 */
export function createBackupStore(backupDir: string) {
  const root = path.resolve(backupDir);
  const absolute = (relativePath: string) => {
    const full = path.resolve(root, relativePath);
    if (!full.startsWith(`${root}${path.sep}`)) throw new BackupFileError("A backup path points outside the backup directory");
    return full;
  };
  const manifestPathOf = (sealedPath: string) => sealedPath.replace(/\.sealed$/, ".manifest.json");
  const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? "unknown error";

  async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
    const temporary = `${target}.tmp-${randomBytes(6).toString("hex")}`;
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async function syncDirectory(directory: string): Promise<void> {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  return {
    /** The relative path of a backup's sealed file. */
    pathOf(organizationId: string, workspaceId: string, backupId: string): string {
      for (const id of [organizationId, workspaceId, backupId]) if (!SAFE_ID.test(id)) throw new BackupFileError("A backup path needs well-formed ids");
      return path.join(organizationId, workspaceId, `${backupId}.sealed`);
    },

    /** Writes the sealed archive and its manifest (the manifest last: its presence means complete). */
    async write(relativePath: string, sealed: Buffer, manifest: BackupManifest): Promise<void> {
      const file = absolute(relativePath);
      const directory = path.dirname(file);
      try {
        await mkdir(directory, { recursive: true, mode: 0o700 });
        await chmod(directory, 0o700);
        await chmod(path.dirname(directory), 0o700);
        await writeAtomically(file, sealed);
        await writeAtomically(manifestPathOf(file), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8"));
        await syncDirectory(directory);
      } catch (error) {
        if (error instanceof BackupFileError) throw error;
        throw new BackupFileError(`The backup file could not be written (${codeOf(error)})`);
      }
    },

    async read(relativePath: string): Promise<Buffer> {
      try {
        return await readFile(absolute(relativePath));
      } catch (error) {
        if (error instanceof BackupFileError) throw error;
        if (codeOf(error) === "ENOENT") throw new BackupFileError("The backup file is missing from the backup directory");
        throw new BackupFileError(`The backup file could not be read (${codeOf(error)})`);
      }
    },

    /** Removes the sealed file and its manifest; already gone is fine. */
    async remove(relativePath: string): Promise<void> {
      const file = absolute(relativePath);
      try {
        await rm(file, { force: true });
        await rm(manifestPathOf(file), { force: true });
      } catch (error) {
        throw new BackupFileError(`The backup file could not be removed (${codeOf(error)})`);
      }
    },

    /** The absolute path, for operators' tooling and tests only; never sent to a client. */
    absolutePathOf: absolute,
  };
}

export type BackupStore = ReturnType<typeof createBackupStore>;
