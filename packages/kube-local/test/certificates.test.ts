import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureCertificate, ensureCertificateAuthority, opensslSubject } from "../src/certificates";

const dir = mkdtempSync(join(tmpdir(), "hks-kube-pki-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("opensslSubject", () => {
  it("puts groups in O and the user in CN, escaping openssl's separators", () => {
    expect(opensslSubject("kubernetes-admin", ["system:masters"])).toBe("/O=system:masters/CN=kubernetes-admin");
    expect(opensslSubject("a/b=c+d\\e")).toBe("/CN=a\\/b\\=c\\+d\\\\e");
  });
});

describe("certificates", () => {
  it("issues server and client certificates that chain to the cluster CA", { timeout: 30_000 }, async () => {
    const ca = await ensureCertificateAuthority(dir, "test-ca");
    const server = await ensureCertificate(dir, ca, {
      baseName: "server",
      commonName: "kube-apiserver",
      usage: "server",
      dnsNames: ["localhost", "kubernetes.default.svc"],
      ipAddresses: ["127.0.0.1"],
    });
    const client = await ensureCertificate(dir, ca, {
      baseName: "client",
      commonName: "user/with slash",
      organizations: ["group-a", "group-b"],
      usage: "client",
    });
    const caCert = new X509Certificate(ca.certPem);
    expect(caCert.ca).toBe(true);
    const serverCert = new X509Certificate(server.certPem);
    expect(serverCert.checkIssued(caCert)).toBe(true);
    expect(serverCert.verify(caCert.publicKey)).toBe(true);
    expect(serverCert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(serverCert.checkHost("kubernetes.default.svc")).toBe("kubernetes.default.svc");
    const clientCert = new X509Certificate(client.certPem);
    expect(clientCert.checkIssued(caCert)).toBe(true);
    expect(clientCert.subject).toContain("CN=user/with slash");
    expect(clientCert.subject).toContain("O=group-a");
    expect(clientCert.subject).toContain("O=group-b");
    expect(clientCert.keyUsage).toContain("1.3.6.1.5.5.7.3.2"); // clientAuth
    expect(statSync(client.keyFile).mode & 0o077).toBe(0);
  });

  it("reuses existing files, so a persisted cluster keeps its identity", { timeout: 30_000 }, async () => {
    const first = await ensureCertificateAuthority(dir, "test-ca");
    const second = await ensureCertificateAuthority(dir, "test-ca");
    expect(second.certPem).toBe(first.certPem);
  });
});
