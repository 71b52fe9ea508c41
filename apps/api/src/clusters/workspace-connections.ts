import { KubeConfig } from "@kubernetes/client-node";
import { schema, type Database } from "@hks/db";
import type { SecretBox } from "@hks/encryption";
import { eq, sql } from "drizzle-orm";

type Executor = Pick<Database, "insert" | "select" | "update">;

/** How the platform reaches one workspace's virtual cluster (with its admin credentials). */
export interface WorkspaceConnection {
  workspaceId: string;
  organizationId: string;
  hostNamespace: string;
  server: string;
  /** The virtual cluster's admin kubeconfig. Used by the platform only; never handed out. */
  kubeconfig: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  kubernetesVersion: string;
}

const sealContext = (workspaceId: string) => `workspace-kubeconfig:${workspaceId}`;

/** The server and credentials in a kubeconfig's current context, decoded to PEM. */
export function credentialsOf(kubeconfig: string): Pick<WorkspaceConnection, "server" | "caPem" | "clientCertPem" | "clientKeyPem"> {
  const config = new KubeConfig();
  config.loadFromString(kubeconfig);
  const cluster = config.getCurrentCluster();
  const user = config.getCurrentUser();
  const pem = (inline: string | undefined, what: string) => {
    if (!inline) throw new Error(`the virtual cluster's kubeconfig has no ${what}`);
    return Buffer.from(inline, "base64").toString("utf8");
  };
  if (!cluster?.server) throw new Error("the virtual cluster's kubeconfig names no server");
  return { server: cluster.server, caPem: pem(cluster.caData, "certificate authority"), clientCertPem: pem(user?.certData, "client certificate"), clientKeyPem: pem(user?.keyData, "client key") };
}

/**
 * The sealed store of workspace kubeconfigs: written by provisioning once the virtual cluster
 * publishes its `vc-vcluster` Secret, read by everything that talks to the virtual cluster (the
 * reconciler, lifecycle tasks, the access gateway).
 */
export function createWorkspaceConnections(deps: { db: Database; secretBox: SecretBox }) {
  const wc = schema.workspaceClusters;
  return {
    async store(executor: Executor, input: { workspaceId: string; organizationId: string; hostNamespace: string; kubeconfig: string; kubernetesVersion: string }): Promise<void> {
      const { server } = credentialsOf(input.kubeconfig);
      const values = { hostNamespace: input.hostNamespace, server, kubeconfigSealed: deps.secretBox.seal(input.kubeconfig, sealContext(input.workspaceId)), kubernetesVersion: input.kubernetesVersion, updatedAt: new Date() };
      await executor
        .insert(wc)
        .values({ workspaceId: input.workspaceId, organizationId: input.organizationId, ...values })
        .onConflictDoUpdate({ target: wc.workspaceId, set: values });
    },

    /** The connection, or undefined while the workspace has not been provisioned. */
    async load(workspaceId: string): Promise<WorkspaceConnection | undefined> {
      const [row] = await deps.db.select().from(wc).where(eq(wc.workspaceId, workspaceId));
      if (!row) return undefined;
      const kubeconfig = deps.secretBox.open(row.kubeconfigSealed, sealContext(row.workspaceId)).toString("utf8");
      return { workspaceId: row.workspaceId, organizationId: row.organizationId, hostNamespace: row.hostNamespace, kubeconfig, kubernetesVersion: row.kubernetesVersion, ...credentialsOf(kubeconfig) };
    },

    async setVersion(executor: Executor, workspaceId: string, kubernetesVersion: string): Promise<void> {
      await executor.update(wc).set({ kubernetesVersion, updatedAt: new Date() }).where(eq(wc.workspaceId, workspaceId));
    },

    /** Records use through the gateway; at most one write per workspace a minute. */
    async touch(workspaceId: string, now = new Date()): Promise<void> {
      await deps.db
        .update(wc)
        .set({ lastActivityAt: now })
        .where(sql`${wc.workspaceId} = ${workspaceId} and (${wc.lastActivityAt} is null or ${wc.lastActivityAt} < ${new Date(now.getTime() - 60_000)})`);
    },
  };
}

export type WorkspaceConnections = ReturnType<typeof createWorkspaceConnections>;
