import { AppError, type Subject } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq } from "drizzle-orm";
import { lockOrganizationMember } from "../groups/organization-member-lock";
import type { WorkspaceScope } from "../groups/workspace-scope";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

const subjectNotFound = (subject: Subject, field: string) =>
  new AppError("NOT_FOUND", subject.kind === "user" ? "User not found in this organization" : "Group not found in this workspace", {
    details: [{ field, message: `no such ${subject.kind} here` }],
  });

/**
 * A binding's subject must exist where the binding lives: a user of the organization or a group of
 * the workspace. Locks it (KEY SHARE) until commit, so the removal of the user or the deletion of
 * the group, which clean up bindings, cannot slip between this check and the insert.
 */
export async function lockSubject(tx: Tx, scope: WorkspaceScope, subject: Subject, field: string): Promise<void> {
  if (subject.kind === "user") {
    try {
      await lockOrganizationMember(tx, scope.organizationId, subject.id, field);
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") throw subjectNotFound(subject, field);
      throw error;
    }
    return;
  }
  const g = schema.groups;
  const [group] = await tx.select({ id: g.id }).from(g).where(and(eq(g.id, subject.id), eq(g.workspaceId, scope.workspaceId))).for("key share");
  if (!group) throw subjectNotFound(subject, field);
}

/** The same check for questions that only read. */
export async function requireSubject(db: Pick<Database, "select">, scope: WorkspaceScope, subject: Subject, field: string): Promise<void> {
  if (subject.kind === "user") {
    const m = schema.organizationMembers;
    const [member] = await db.select({ id: m.userId }).from(m).where(and(eq(m.organizationId, scope.organizationId), eq(m.userId, subject.id)));
    if (!member) throw subjectNotFound(subject, field);
    return;
  }
  const g = schema.groups;
  const [group] = await db.select({ id: g.id }).from(g).where(and(eq(g.id, subject.id), eq(g.workspaceId, scope.workspaceId)));
  if (!group) throw subjectNotFound(subject, field);
}
