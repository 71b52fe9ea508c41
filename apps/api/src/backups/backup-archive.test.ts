import { createSecretBox } from "@hks/encryption";
import { describe, expect, it } from "vitest";
import { ARCHIVE_FORMAT, BackupIntegrityError, buildManifest, openArchive, sealArchive, sha256Of, type BackupArchive } from "./backup-archive";

const box = createSecretBox(Buffer.alloc(32, 3));
const backupId = "bkp_01jd0000000000000000000001";

const archive: BackupArchive = {
  format: ARCHIVE_FORMAT,
  backupId,
  organizationId: "org_01jd0000000000000000000001",
  workspace: { id: "ws_01jd0000000000000000000001", name: "alpha" },
  kubernetesVersion: "v1.35.4",
  createdAt: "2025-06-01T12:00:00.000Z",
  definitions: [{ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" } }],
  namespaces: [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-b" } },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } },
  ],
  objects: [
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "very-distinctive-config", namespace: "team-a" }, data: { answer: "42" } },
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "other", namespace: "team-a" } },
    { apiVersion: "v1", kind: "Secret", metadata: { name: "db-password", namespace: "team-b" }, data: { password: Buffer.from("hunter2").toString("base64") } },
    { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "team-a" }, spec: {} },
  ],
};

describe("the sealed archive", () => {
  it("opens again to the same archive", () => {
    const sealed = sealArchive(box, archive);
    expect(openArchive(box, { backupId, sha256: sha256Of(sealed), bytes: sealed })).toEqual(archive);
  });

  it("shows nothing of its content: no names, no data, not even compressed", () => {
    const text = sealArchive(box, archive).toString("latin1");
    for (const secret of ["very-distinctive-config", "db-password", "team-a", "aHVudGVyMg", "hunter2", "ConfigMap", ARCHIVE_FORMAT]) expect(text).not.toContain(secret);
    expect(text).toMatch(/^v1\.[0-9a-f]{8}\./);
  });

  it("refuses a file with one byte changed, naming the checksum", () => {
    const sealed = sealArchive(box, archive);
    const sha256 = sha256Of(sealed);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 10] = tampered[tampered.length - 10] === 0x41 ? 0x42 : 0x41;
    expect(() => openArchive(box, { backupId, sha256, bytes: tampered })).toThrow(BackupIntegrityError);
    expect(() => openArchive(box, { backupId, sha256, bytes: tampered })).toThrow(/sha256/);
  });

  it("refuses a changed file even when its checksum was changed to match (authenticated encryption)", () => {
    const tampered = Buffer.from(sealArchive(box, archive));
    tampered[tampered.length - 10] = tampered[tampered.length - 10] === 0x41 ? 0x42 : 0x41;
    expect(() => openArchive(box, { backupId, sha256: sha256Of(tampered), bytes: tampered })).toThrow(/does not open/);
  });

  it("does not open as another backup, nor with another master key", () => {
    const sealed = sealArchive(box, archive);
    expect(() => openArchive(box, { backupId: "bkp_01jd0000000000000000000002", sha256: sha256Of(sealed), bytes: sealed })).toThrow(BackupIntegrityError);
    expect(() => openArchive(createSecretBox(Buffer.alloc(32, 4)), { backupId, sha256: sha256Of(sealed), bytes: sealed })).toThrow(BackupIntegrityError);
  });
});

describe("the manifest", () => {
  it("counts objects per namespace and kind and describes the sealed file", () => {
    const sealed = sealArchive(box, archive);
    const manifest = buildManifest(archive, sealed, { skipped: new Map([["created by the cluster in every namespace", 2]]), unavailableApis: ["metrics.k8s.io/v1beta1"] });
    expect(manifest).toEqual({
      format: ARCHIVE_FORMAT,
      backupId,
      organizationId: archive.organizationId,
      workspace: archive.workspace,
      kubernetesVersion: "v1.35.4",
      createdAt: archive.createdAt,
      objectCount: 7,
      namespaces: ["team-a", "team-b"],
      counts: [
        { namespace: null, apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", count: 1 },
        { namespace: null, apiVersion: "v1", kind: "Namespace", count: 2 },
        { namespace: "team-a", apiVersion: "apps/v1", kind: "Deployment", count: 1 },
        { namespace: "team-a", apiVersion: "v1", kind: "ConfigMap", count: 2 },
        { namespace: "team-b", apiVersion: "v1", kind: "Secret", count: 1 },
      ],
      skipped: [{ reason: "created by the cluster in every namespace", count: 2 }],
      unavailableApis: ["metrics.k8s.io/v1beta1"],
      sizeBytes: sealed.length,
      sha256: sha256Of(sealed),
    });
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
