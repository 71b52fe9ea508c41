import type { BackingServices } from "@hks/backing-services";
import type { Config } from "@hks/config";
import { createSecretBox, resolveMasterKey, type SecretBox } from "@hks/encryption";
import { schema, type Database } from "@hks/db";
import type { Logger } from "@hks/observability";
import { eq } from "drizzle-orm";
import { createIdentity, type Identity } from "./auth/identity";
import { backupTask, type BackupTaskDeps } from "./backups/backup-task";
import { createBackupService, type BackupService } from "./backups/backup-service";
import { createBackupStore, type BackupStore } from "./backups/backup-store";
import { restoreTask } from "./backups/restore-task";
import { createClusterService, type ClusterService } from "./clusters/cluster-service";
import { loadHostCluster, type HostCluster } from "./clusters/host-cluster";
import { createWorkspaceConnections, type WorkspaceConnections } from "./clusters/workspace-connections";
import type { WorkspaceTaskDeps } from "./clusters/workspace-task-kit";
import { createWorkspaceTasks, type WorkspaceTaskDefinitions } from "./clusters/workspace-tasks";
import { createTaskRegistry, type TaskRegistry } from "./tasks/task-registry";
import type { TaskDefinition } from "./tasks/task-definition";
import { createTaskService, type TaskService } from "./tasks/task-service";
import { createTenancy, type Tenancy } from "./tenancy";

export interface PlatformServices {
  identity: Identity;
  tenancy: Tenancy;
  tasks: { registry: TaskRegistry; service: TaskService };
  /** The host cluster (undefined when none is configured) and the workspaces' virtual clusters. */
  clusters: {
    host: HostCluster | undefined;
    connections: WorkspaceConnections;
    /** Seals what the platform keeps at rest with the master key (kubeconfigs, backups). */
    secretBox: SecretBox;
    taskDeps: WorkspaceTaskDeps;
    workspaceTasks: WorkspaceTaskDefinitions;
    service: ClusterService;
    reconcileIntervalMs: number;
  };
  /** Backups of workspaces' virtual clusters, in the backup directory. */
  backups: { store: BackupStore; service: BackupService };
}

/**
 * Builds the platform's domain services on top of the backing services. Shared by the API and
 * the worker processes, so both run the same code against the same state.
 */
export async function createPlatformServices(
  config: Config,
  logger: Logger,
  services: Pick<BackingServices, "database" | "cache">,
  options: { taskDefinitions?: TaskDefinition[] } = {},
): Promise<PlatformServices> {
  const masterKey = resolveMasterKey({ configured: config.auth.masterKey, env: config.env, stateDir: config.stateDir });
  if (masterKey.source === "state-dir") {
    logger.warn({ file: `${config.stateDir}/master.key` }, "HKS_MASTER_KEY is not set; using a generated key kept in the state directory (development only)");
  }
  const secretBox = createSecretBox(masterKey.key);
  const identity = createIdentity({
    config,
    db: services.database.db,
    cache: services.cache,
    secretBox,
    masterKey: masterKey.key,
    organizationsOf: (userId) => organizationIdsOf(services.database.db, userId),
  });
  await identity.keys.ensureCurrent();
  const clusters = { host: loadHostCluster(config.kubernetes.hostKubeconfigPath), connections: createWorkspaceConnections({ db: services.database.db, secretBox }) };
  const workspaceTaskDeps: WorkspaceTaskDeps = { db: services.database.db, audit: identity.audit, ...clusters, readyTimeoutMs: config.kubernetes.readyTimeoutMs };
  const workspaceTasks = createWorkspaceTasks(workspaceTaskDeps);
  const tenancy = createTenancy({ db: services.database.db, audit: identity.audit, publicUrl: config.auth.publicUrl, workspaceTasks });
  const store = createBackupStore(config.kubernetes.backupDir);
  const backupTaskDeps: BackupTaskDeps = { ...workspaceTaskDeps, secretBox, store };
  const backupTasks = { backup: backupTask(backupTaskDeps), restore: restoreTask(backupTaskDeps) };
  const registry = createTaskRegistry([...Object.values(workspaceTasks), ...Object.values(backupTasks), ...(options.taskDefinitions ?? [])]);
  const tasks = { registry, service: createTaskService({ db: services.database.db, audit: identity.audit, authorizer: tenancy.authorizer }) };
  const service = createClusterService({ db: services.database.db, audit: identity.audit, ...clusters, workspaceTasks });
  const backups = {
    store,
    service: createBackupService({ db: services.database.db, audit: identity.audit, authorizer: tenancy.authorizer, store, backupTask: backupTasks.backup, restoreTask: backupTasks.restore }),
  };
  return {
    identity,
    tenancy,
    tasks,
    clusters: { ...clusters, secretBox, taskDeps: workspaceTaskDeps, workspaceTasks, service, reconcileIntervalMs: config.kubernetes.reconcileIntervalMs },
    backups,
  };
}

/** The organizations a user belongs to, for the access token's `orgs` claim. */
async function organizationIdsOf(db: Database, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: schema.organizationMembers.organizationId })
    .from(schema.organizationMembers)
    .where(eq(schema.organizationMembers.userId, userId));
  return rows.map((row) => row.id);
}
