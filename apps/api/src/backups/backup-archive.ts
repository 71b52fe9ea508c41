import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { SecretBox } from "@hks/encryption";
import type { RawObject } from "@hks/kube";

/**
 * The backup file format. An archive is one JSON document — the workspace's custom resource
 * definitions, namespaces and namespaced objects, cleaned for restore — gzipped and sealed with
 * the platform's secret box (AES-256-GCM under the master key) with the backup's id as context,
 * so a file renamed to another backup's name, changed by one bit, or read without the master key
 * does not open. The manifest describes an archive without opening it.
 */
export const ARCHIVE_FORMAT = "hks-workspace-backup/1";

export interface BackupArchive {
  format: typeof ARCHIVE_FORMAT;
  backupId: string;
  organizationId: string;
  workspace: { id: string; name: string };
  kubernetesVersion: string;
  createdAt: string;
  definitions: RawObject[];
  namespaces: RawObject[];
  objects: RawObject[];
}

export interface KindCount {
  /** null for cluster-scoped objects (namespaces, definitions). */
  namespace: string | null;
  apiVersion: string;
  kind: string;
  count: number;
}

export interface BackupManifest {
  format: typeof ARCHIVE_FORMAT;
  backupId: string;
  organizationId: string;
  workspace: { id: string; name: string };
  kubernetesVersion: string;
  createdAt: string;
  objectCount: number;
  namespaces: string[];
  counts: KindCount[];
  /** Objects listed but left out, per reason. */
  skipped: { reason: string; count: number }[];
  /** API group versions the cluster could not list at the time (their objects are missing). */
  unavailableApis: string[];
  sizeBytes: number;
  sha256: string;
}

export const sealContextOf = (backupId: string) => `workspace-backup:${backupId}`;

/** The archive as file bytes: gzipped JSON, sealed. */
export function sealArchive(box: SecretBox, archive: BackupArchive): Buffer {
  const compressed = gzipSync(Buffer.from(JSON.stringify(archive), "utf8"));
  return Buffer.from(box.seal(compressed, sealContextOf(archive.backupId)), "utf8");
}

export const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** The file's bytes do not match what was written, or do not open as this backup's archive. */
export class BackupIntegrityError extends Error {}

/**
 * Opens a backup file: checks its sha256 against the recorded one, then authenticates and
 * decrypts it for this backup id and checks it is an archive of this format and backup.
 */
export function openArchive(box: SecretBox, input: { backupId: string; sha256: string; bytes: Buffer }): BackupArchive {
  if (sha256Of(input.bytes) !== input.sha256) {
    throw new BackupIntegrityError("The backup file does not match its recorded sha256 checksum: it was changed or damaged after it was written");
  }
  let plain: Buffer;
  try {
    plain = gunzipSync(box.open(input.bytes.toString("utf8"), sealContextOf(input.backupId)));
  } catch {
    throw new BackupIntegrityError("The backup file does not open with this platform's master key as this backup (wrong key, or a file of another backup)");
  }
  let archive: Partial<BackupArchive>;
  try {
    archive = JSON.parse(plain.toString("utf8")) as Partial<BackupArchive>;
  } catch {
    throw new BackupIntegrityError("The backup archive is not valid JSON");
  }
  if (archive.format !== ARCHIVE_FORMAT) throw new BackupIntegrityError(`The backup archive has format ${String(archive.format)}; this platform reads ${ARCHIVE_FORMAT}`);
  if (archive.backupId !== input.backupId) throw new BackupIntegrityError("The backup archive belongs to another backup");
  if (!Array.isArray(archive.definitions) || !Array.isArray(archive.namespaces) || !Array.isArray(archive.objects)) throw new BackupIntegrityError("The backup archive is incomplete");
  return archive as BackupArchive;
}

/** Objects per namespace and kind, sorted, for the manifest. */
export function countObjects(archive: Pick<BackupArchive, "definitions" | "namespaces" | "objects">): KindCount[] {
  const counts = new Map<string, KindCount>();
  for (const object of [...archive.definitions, ...archive.namespaces, ...archive.objects]) {
    const namespace = object.metadata?.namespace ?? null;
    const apiVersion = object.apiVersion ?? "";
    const kind = object.kind ?? "";
    const key = `${namespace ?? ""}\u0000${apiVersion}\u0000${kind}`;
    const entry = counts.get(key) ?? { namespace, apiVersion, kind, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind));
}

/** The manifest of a sealed archive. */
export function buildManifest(archive: BackupArchive, sealed: Buffer, extra: { skipped: Map<string, number>; unavailableApis: string[] }): BackupManifest {
  return {
    format: ARCHIVE_FORMAT,
    backupId: archive.backupId,
    organizationId: archive.organizationId,
    workspace: archive.workspace,
    kubernetesVersion: archive.kubernetesVersion,
    createdAt: archive.createdAt,
    objectCount: archive.definitions.length + archive.namespaces.length + archive.objects.length,
    namespaces: archive.namespaces.map((namespace) => namespace.metadata?.name ?? "").sort(),
    counts: countObjects(archive),
    skipped: [...extra.skipped.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => a.reason.localeCompare(b.reason)),
    unavailableApis: [...extra.unavailableApis].sort(),
    sizeBytes: sealed.length,
    sha256: sha256Of(sealed),
  };
}
