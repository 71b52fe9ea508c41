import { mkdirSync } from "node:fs";
import { ensureCertificate, ensureCertificateAuthority, ensureServiceAccountKeys } from "./certificates";
import type { CertificateFiles, ServiceAccountKeys } from "./certificates";

/** The service network every local apiserver uses; its first address is the `kubernetes` Service. */
export const SERVICE_CLUSTER_IP_RANGE = "10.96.0.0/16";
const KUBERNETES_SERVICE_IP = "10.96.0.1";

/** The admin identity: `system:masters` is bound to cluster-admin by RBAC's bootstrap policy. */
export const ADMIN_USER = "kubernetes-admin";
export const ADMIN_GROUPS = ["system:masters"];

export interface ClusterPki {
  dir: string;
  ca: CertificateFiles;
  apiserverServing: CertificateFiles;
  admin: CertificateFiles;
  /** kube-controller-manager's own identity; RBAC's bootstrap policy grants it what it needs. */
  controllerManager: CertificateFiles;
  serviceAccount: ServiceAccountKeys;
}

/**
 * Everything one cluster (the host or a virtual cluster) needs: its own CA, a serving
 * certificate valid for 127.0.0.1 and the in-cluster names, client certificates for the admin
 * and the controller manager, and the service-account signing keys. Existing files are reused.
 */
export async function ensureClusterPki(
  dir: string,
  options: { clusterName: string; extraDnsNames?: string[] },
): Promise<ClusterPki> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = await ensureCertificateAuthority(dir, `${options.clusterName}-ca`);
  const [apiserverServing, admin, controllerManager] = await Promise.all([
    ensureCertificate(dir, ca, {
      baseName: "apiserver",
      commonName: "kube-apiserver",
      usage: "server",
      dnsNames: [
        "localhost",
        "kubernetes",
        "kubernetes.default",
        "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local",
        ...(options.extraDnsNames ?? []),
      ],
      ipAddresses: ["127.0.0.1", KUBERNETES_SERVICE_IP],
    }),
    ensureCertificate(dir, ca, {
      baseName: "admin",
      commonName: ADMIN_USER,
      organizations: ADMIN_GROUPS,
      usage: "client",
    }),
    ensureCertificate(dir, ca, {
      baseName: "controller-manager",
      commonName: "system:kube-controller-manager",
      usage: "client",
    }),
  ]);
  return { dir, ca, apiserverServing, admin, controllerManager, serviceAccount: ensureServiceAccountKeys(dir) };
}
