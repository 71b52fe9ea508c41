import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { BackupManifest } from "./backup-archive";
import { BackupFileError, createBackupStore } from "./backup-store";

const dir = mkdtempSync(path.join(tmpdir(), "hks-backup-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = { org: "org_01jd0000000000000000000001", ws: "ws_01jd0000000000000000000001", bkp: "bkp_01jd0000000000000000000001" };
const manifest = { backupId: ids.bkp, sizeBytes: 5, sha256: "x" } as unknown as BackupManifest;

describe("the backup store", () => {
  const store = createBackupStore(path.join(dir, "backups"));

  it("writes the file and its manifest under org/workspace with owner-only modes, leaving no temporary file", async () => {
    const relative = store.pathOf(ids.org, ids.ws, ids.bkp);
    expect(relative).toBe(path.join(ids.org, ids.ws, `${ids.bkp}.sealed`));
    await store.write(relative, Buffer.from("sealed"), manifest);

    const file = store.absolutePathOf(relative);
    expect(readFileSync(file, "utf8")).toBe("sealed");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(statSync(path.dirname(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(readdirSync(path.dirname(file)).sort()).toEqual([`${ids.bkp}.manifest.json`, `${ids.bkp}.sealed`]);
    expect(JSON.parse(readFileSync(file.replace(/\.sealed$/, ".manifest.json"), "utf8"))).toEqual(manifest);
    expect(statSync(file.replace(/\.sealed$/, ".manifest.json")).mode & 0o777).toBe(0o600);
    expect((await store.read(relative)).toString("utf8")).toBe("sealed");
  });

  it("replaces a file written again (a retried task) and removes both files idempotently", async () => {
    const relative = store.pathOf(ids.org, ids.ws, ids.bkp);
    await store.write(relative, Buffer.from("second"), manifest);
    expect((await store.read(relative)).toString("utf8")).toBe("second");
    await store.remove(relative);
    await store.remove(relative);
    expect(readdirSync(path.dirname(store.absolutePathOf(relative)))).toEqual([]);
  });

  it("says a missing file is missing without naming any path", async () => {
    const relative = store.pathOf(ids.org, ids.ws, "bkp_01jd0000000000000000000009");
    const error = await store.read(relative).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackupFileError);
    expect((error as Error).message).toBe("The backup file is missing from the backup directory");
    expect((error as Error).message).not.toContain(dir);
  });

  it("refuses ids that are not ids and paths outside the directory", async () => {
    expect(() => store.pathOf("../etc", ids.ws, ids.bkp)).toThrow(BackupFileError);
    await expect(store.read("../../etc/passwd")).rejects.toThrow(BackupFileError);
  });
});
