import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureCertificate, ensureCertificateAuthority, runKubectl, startControlPlane, type ControlPlane } from "@hks/kube-local";
import { Agent, fetch as undiciFetch } from "undici";
import { renderProjectNamespace, renderRbac, type ClusterClient } from "@hks/kube";
import { provisionVirtualClusterByHand } from "../../src/testing/provision-by-hand";
import { freePort } from "../support/child-process";
import { startTenancyTestbed, type SignedInUser, type TenancyTestbed } from "../tenancy/tenancy-testbed";

export interface GatewayTestbed {
  controlPlane: ControlPlane;
  t: TenancyTestbed;
  /** HKS_API_URL: where the platform listens for real, over TLS (kubectl sends credentials over TLS only). */
  apiUrl: string;
  /** The CA that signed the API's certificate (HKS_API_CA_FILE; NODE_EXTRA_CA_CERTS for the hks CLI). */
  caFile: string;
  /** fetch that trusts the API's CA. */
  fetch: typeof undiciFetch;
  close(): Promise<void>;
}


/** A real host control plane with the virtual-cluster runtime, and the platform listening on loopback. */
export async function startGatewayTestbed(env: Record<string, string> = {}): Promise<GatewayTestbed> {
  const controlPlane = await startControlPlane({ virtualClusters: true });
  try {
    const port = await freePort();
    const apiUrl = `https://127.0.0.1:${port}`;
    const pki = mkdtempSync(path.join(tmpdir(), "hks-api-tls-"));
    const ca = await ensureCertificateAuthority(pki, "hks-test-api-ca");
    const serving = await ensureCertificate(pki, ca, { baseName: "api", commonName: "hks-api", ipAddresses: ["127.0.0.1"], dnsNames: ["localhost"], usage: "server" });
    const t = await startTenancyTestbed({
      HKS_API_URL: apiUrl,
      HKS_TLS_CERT_FILE: serving.certFile,
      HKS_TLS_KEY_FILE: serving.keyFile,
      HKS_API_CA_FILE: ca.certFile,
      HKS_RATE_LIMIT_KUBE_PER_MINUTE: "100000",
      // Provisioning tasks reach this host when a worker runs them (test/clusters/kubectl-end-to-end).
      HKS_HOST_KUBECONFIG: controlPlane.kubeconfigPath,
      ...env,
    });
    await t.app.listen({ host: "127.0.0.1", port });
    const dispatcher = new Agent({ connect: { ca: ca.certPem } });
    return {
      controlPlane,
      t,
      apiUrl,
      caFile: ca.certFile,
      fetch: ((input, init) => undiciFetch(input, { ...init, dispatcher })) as typeof undiciFetch,
      async close() {
        await t.close();
        await dispatcher.close();
        await controlPlane.stop();
      },
    };
  } catch (error) {
    await controlPlane.stop();
    throw error;
  }
}

/** Calls the API and insists on success: setting up must never half-work silently. */
export async function ok<T = Record<string, unknown>>(t: TenancyTestbed, user: SignedInUser, method: "GET" | "POST" | "PUT" | "DELETE", url: string, payload?: unknown): Promise<T> {
  const response = await t.call(user, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}: ${response.body}`);
  return (response.statusCode === 204 ? {} : response.json()) as T;
}

export async function joinOrganization(t: TenancyTestbed, owner: SignedInUser, orgId: string, user: SignedInUser): Promise<void> {
  const invitation = await ok<{ token: string }>(t, owner, "POST", `/api/v1/organizations/${orgId}/invitations`, { email: user.email, role: "member" });
  await ok(t, user, "POST", "/api/v1/invitations/accept", { token: invitation.token });
}

export interface TenantWorkspace {
  orgId: string;
  orgSlug: string;
  wsId: string;
  wsName: string;
  wsPath: string;
  projects: Record<string, { id: string; name: string }>;
}

const projectQuota = { cpuMillicores: 500, memoryMib: 512, storageGib: 5 };

/** An organization with one workspace and the named top-level projects, created through the API. */
export async function createTenantWorkspace(t: TenancyTestbed, owner: SignedInUser, names: { organization: string; workspace: string; projects: string[] }): Promise<TenantWorkspace> {
  const org = await ok<{ id: string; slug: string }>(t, owner, "POST", "/api/v1/organizations", { name: names.organization });
  const ws = await ok<{ id: string; name: string }>(t, owner, "POST", `/api/v1/organizations/${org.id}/workspaces`, { name: names.workspace, planId: "starter-shared" });
  const wsPath = `/api/v1/organizations/${org.id}/workspaces/${ws.id}`;
  const projects: TenantWorkspace["projects"] = {};
  for (const name of names.projects) projects[name] = await ok<{ id: string; name: string }>(t, owner, "POST", `${wsPath}/projects`, { name, quota: projectQuota });
  return { orgId: org.id, orgSlug: org.slug, wsId: ws.id, wsName: ws.name, wsPath, projects };
}

/**
 * Provisions the workspace's virtual cluster by hand (what the provisioning task will do), then
 * applies its project namespaces and the RBAC rendered from the platform's own roles and
 * bindings with the virtual cluster's admin credentials.
 */
export async function provisionTenantWorkspace(bed: GatewayTestbed, owner: SignedInUser, tenant: TenantWorkspace): Promise<ClusterClient> {
  const { t } = bed;
  const ws = await ok<{ id: string; organizationId: string; name: string; kubernetesVersion: string; resources: { cpuMillicores: number; memoryMib: number; storageGib: number } }>(t, owner, "GET", tenant.wsPath);
  const { admin } = await provisionVirtualClusterByHand({
    hostKubeconfig: readFileSync(bed.controlPlane.kubeconfigPath, "utf8"),
    workspace: { id: ws.id, organizationId: ws.organizationId, name: ws.name, nodes: "shared", kubernetesVersion: ws.kubernetesVersion, ...ws.resources },
    db: t.database.db,
    connections: t.server.deps.clusters.connections,
  });
  await applyProjectsAndRbac(t, owner, tenant, admin);
  return admin;
}

/** The workspace's projects and RBAC as the platform would render them, applied to its virtual cluster. */
export async function applyProjectsAndRbac(t: TenancyTestbed, owner: SignedInUser, tenant: TenantWorkspace, admin: ClusterClient): Promise<void> {
  const namespaces = Object.values(tenant.projects).flatMap((project) =>
    renderProjectNamespace({ id: project.id, workspaceId: tenant.wsId, name: project.name, parentId: null, ...projectQuota }, []),
  );
  const roles = await ok<{ items: { id: string; name: string; rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] }[] }>(t, owner, "GET", `${tenant.wsPath}/rbac/roles?limit=100`);
  const bindings = await ok<{ items: { id: string; role: { id: string }; projectId: string | null; subject: { kind: "user" | "group"; id: string } }[] }>(t, owner, "GET", `${tenant.wsPath}/rbac/bindings?limit=100`);
  const rbac = renderRbac({
    roles: roles.items.map((role) => ({ id: role.id, name: role.name, rules: role.rules })),
    bindings: bindings.items.map((binding) => ({ id: binding.id, roleId: binding.role.id, projectId: binding.projectId, subject: binding.subject })),
    projects: Object.values(tenant.projects).map((project) => ({ id: project.id, name: project.name, parentId: null })),
  });
  await admin.apply([...namespaces, ...rbac]);
}

const repoRoot = path.resolve(import.meta.dirname, "../../../..");

/**
 * A machine with the `hks` CLI installed and signed in as `user`: a bin directory whose `hks` is
 * the real launcher, and a config dir holding a CLI session (device id, access and refresh token)
 * as `hks login` leaves it. Returns the environment kubectl runs the exec plugin with.
 */
export async function installSignedInCli(bed: GatewayTestbed, user: { userId: string; email: string }): Promise<{ env: NodeJS.ProcessEnv; configDir: string }> {
  const root = mkdtempSync(path.join(tmpdir(), "hks-cli-machine-"));
  const bin = path.join(root, "bin");
  const configDir = path.join(root, "config");
  mkdirSync(bin);
  mkdirSync(configDir, { mode: 0o700 });
  symlinkSync(path.join(repoRoot, "apps/cli/bin/hks"), path.join(bin, "hks"));
  const { identity } = bed.t.server.deps;
  const deviceId = `cli-${randomBytes(12).toString("hex")}`;
  const origin = { ipAddress: "127.0.0.1", userAgent: "hks-test", requestId: null };
  const { session, refreshToken } = await identity.sessions.start({ userId: user.userId, provider: "test", client: "cli", deviceId, ip: "127.0.0.1", userAgent: "hks-test" }, origin);
  const pair = await identity.tokens.pairFor({ userId: user.userId, email: user.email }, session, refreshToken, "127.0.0.1");
  const credential = { accessToken: pair.accessToken, expiresAt: pair.accessTokenExpiresAt.toISOString(), refreshToken: pair.refreshToken, refreshExpiresAt: pair.refreshTokenExpiresAt.toISOString() };
  writeFileSync(path.join(configDir, "config.json"), JSON.stringify({ deviceId, credentials: { [bed.apiUrl]: credential } }), { mode: 0o600 });
  return { configDir, env: { PATH: `${bin}:${process.env.PATH ?? ""}`, HKS_CONFIG_DIR: configDir, NODE_EXTRA_CA_CERTS: bed.caFile } };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs stock kubectl with a kubeconfig (and, for the exec plugin, an environment). */
export function kubectl(bed: GatewayTestbed, kubeconfigPath: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
  // Only PATH and HOME from this process: the exec plugin must find its configuration where the test put it.
  return runKubectl(bed.controlPlane.binaries.kubectl, kubeconfigPath, args, { ...options, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env } });
}

/** A kubectl that keeps running (a watch): its output so far, and a way to wait for a line. */
export interface RunningKubectl {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<CommandResult>;
}

export function startKubectl(bed: GatewayTestbed, kubeconfigPath: string, args: string[]): RunningKubectl {
  const child = spawn(bed.controlPlane.binaries.kubectl, [`--kubeconfig=${kubeconfigPath}`, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const waiter of waiters) waiter();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<CommandResult>((resolve) => child.once("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })));
  return {
    child,
    output: () => stdout,
    exited,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(stdout)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`kubectl ${args.join(" ")} did not print ${pattern} in time; stdout: ${stdout}; stderr: ${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
