import { AppError } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq } from "drizzle-orm";

/**
 * Workspace and project roles go only to members of the organization. Anyone else is "not found"
 * rather than "forbidden", so the endpoint cannot be used to probe which user ids exist.
 */
export async function requireOrganizationMember(db: Database, organizationId: string, userId: string): Promise<void> {
  const m = schema.organizationMembers;
  const [membership] = await db
    .select({ userId: m.userId })
    .from(m)
    .where(and(eq(m.organizationId, organizationId), eq(m.userId, userId)));
  if (!membership) throw new AppError("NOT_FOUND", "No member of this organization has that user id", { details: [{ field: "body.userId", message: "not a member of the organization" }] });
}
