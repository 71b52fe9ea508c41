import { schema, type Database } from "@hks/db";
import type { BindingSpec, ProjectSpec, RoleSpec, WorkspaceSpec } from "@hks/kube";
import { asc, eq } from "drizzle-orm";
import { planOfWorkspace } from "../workspaces/workspace-plan-rules";

type Executor = Pick<Database, "select">;

export type WorkspaceRecord = typeof schema.workspaces.$inferSelect;

/** The renderer's view of a workspace row: its plan decides shared or dedicated nodes. */
export function workspaceSpecOf(row: WorkspaceRecord, kubernetesVersion = row.kubernetesVersion): WorkspaceSpec {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    nodes: planOfWorkspace(row).nodes,
    kubernetesVersion,
    cpuMillicores: row.cpuMillicores,
    memoryMib: row.memoryMib,
    storageGib: row.storageGib,
  };
}

export async function loadWorkspace(db: Executor, workspaceId: string): Promise<WorkspaceRecord | undefined> {
  const [row] = await db.select().from(schema.workspaces).where(eq(schema.workspaces.id, workspaceId));
  return row;
}

/** Everything inside a workspace that becomes Kubernetes objects: projects, roles, bindings. */
export async function loadInsideSpec(db: Executor, workspaceId: string): Promise<{ projects: ProjectSpec[]; roles: RoleSpec[]; bindings: BindingSpec[] }> {
  const p = schema.projects;
  const r = schema.roles;
  const rb = schema.roleBindings;
  const [projects, roles, bindings] = await Promise.all([
    db.select({ id: p.id, workspaceId: p.workspaceId, name: p.name, parentId: p.parentId, cpuMillicores: p.cpuMillicores, memoryMib: p.memoryMib, storageGib: p.storageGib }).from(p).where(eq(p.workspaceId, workspaceId)).orderBy(asc(p.id)),
    db.select({ id: r.id, name: r.name, rules: r.rules }).from(r).where(eq(r.workspaceId, workspaceId)).orderBy(asc(r.id)),
    db.select({ id: rb.id, roleId: rb.roleId, projectId: rb.projectId, subjectKind: rb.subjectKind, subjectId: rb.subjectId }).from(rb).where(eq(rb.workspaceId, workspaceId)).orderBy(asc(rb.id)),
  ]);
  return {
    projects,
    roles,
    bindings: bindings.map((binding) => ({ id: binding.id, roleId: binding.roleId, projectId: binding.projectId, subject: { kind: binding.subjectKind as "user" | "group", id: binding.subjectId } })),
  };
}
