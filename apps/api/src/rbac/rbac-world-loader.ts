import type { Subject } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { effectiveGroupRows } from "../groups/effective-group-ids";
import { groupChain } from "../groups/group-tree-queries";
import type { BindingRecord, RbacWorld, RoleDefinition } from "./evaluation/rbac-world";
import { parentsFromChain, projectChain } from "./project-chain";

type Executor = Pick<Database, "select" | "execute">;

// Loads from PostgreSQL the slice of a workspace that a permission question needs, as the plain
// data the pure evaluation takes. Every query is scoped by the workspace.

/** For "what can this subject do here" and "can it": its groups, the project chain, the bindings that can reach it. */
export async function loadSubjectWorld(db: Executor, workspaceId: string, subject: Subject, projectId: string | null): Promise<RbacWorld> {
  const groupParents = new Map<string, string | null>();
  const userGroups = new Map<string, string[]>();
  if (subject.kind === "user") {
    const rows = await effectiveGroupRows(db, workspaceId, subject.id);
    for (const row of rows) groupParents.set(row.id, row.parentId);
    userGroups.set(
      subject.id,
      rows.filter((row) => row.direct).map((row) => row.id),
    );
  } else {
    for (const [id, parent] of parentsFromChain(await groupChain(db, workspaceId, subject.id))) groupParents.set(id, parent);
  }
  const projects = projectId === null ? [] : await projectChain(db, workspaceId, projectId);

  const rb = schema.roleBindings;
  const subjects = [
    ...(subject.kind === "user" ? [and(eq(rb.subjectKind, "user"), eq(rb.subjectId, subject.id))] : []),
    ...(groupParents.size > 0 ? [and(eq(rb.subjectKind, "group"), inArray(rb.subjectId, [...groupParents.keys()]))] : []),
  ];
  const { roles, bindings } = subjects.length === 0 ? { roles: new Map(), bindings: [] } : await loadBindings(db, workspaceId, projects, or(...subjects));
  return { roles, bindings, groupParents, userGroups, projectParents: parentsFromChain(projects) };
}

/** For "who can do this here": every binding that applies at the place, the whole group tree and its members. */
export async function loadPlaceWorld(db: Executor, workspaceId: string, projectId: string | null): Promise<RbacWorld> {
  const projects = projectId === null ? [] : await projectChain(db, workspaceId, projectId);
  const { roles, bindings } = await loadBindings(db, workspaceId, projects, undefined);
  const g = schema.groups;
  const gm = schema.groupMembers;
  const [groups, memberships] = await Promise.all([
    db.select({ id: g.id, parentId: g.parentId }).from(g).where(eq(g.workspaceId, workspaceId)),
    db.select({ groupId: gm.groupId, userId: gm.userId }).from(gm).innerJoin(g, eq(g.id, gm.groupId)).where(eq(g.workspaceId, workspaceId)),
  ]);
  const userGroups = new Map<string, string[]>();
  for (const { groupId, userId } of memberships) userGroups.set(userId, [...(userGroups.get(userId) ?? []), groupId]);
  return { roles, bindings, groupParents: new Map(groups.map((group) => [group.id, group.parentId])), userGroups, projectParents: parentsFromChain(projects) };
}

async function loadBindings(db: Executor, workspaceId: string, projects: string[], subjectFilter: ReturnType<typeof or>) {
  const rb = schema.roleBindings;
  const r = schema.roles;
  const place = projects.length > 0 ? or(isNull(rb.projectId), inArray(rb.projectId, projects)) : isNull(rb.projectId);
  const rows = await db
    .select({ binding: rb, role: { id: r.id, name: r.name, rules: r.rules } })
    .from(rb)
    .innerJoin(r, eq(r.id, rb.roleId))
    .where(and(eq(rb.workspaceId, workspaceId), eq(r.workspaceId, workspaceId), place, subjectFilter))
    .orderBy(rb.id);
  const roles = new Map<string, RoleDefinition>();
  const bindings: BindingRecord[] = [];
  for (const { binding, role } of rows) {
    roles.set(role.id, role);
    bindings.push({ id: binding.id, roleId: binding.roleId, projectId: binding.projectId, subject: { kind: binding.subjectKind as Subject["kind"], id: binding.subjectId } });
  }
  return { roles, bindings };
}
