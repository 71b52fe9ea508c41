import { AppError } from "@hks/contracts";
import { schema, type Database } from "@hks/db";
import { and, eq, sql } from "drizzle-orm";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Checks that a user belongs to the organization and keeps it that way until commit. Removing a
 * member locks the organization row FOR UPDATE before it deletes their group memberships and
 * bindings; holding KEY SHARE on that row means our insert either commits before that cleanup
 * runs (and is cleaned up) or waits and then finds the user gone — never a dangling grant.
 */
export async function lockOrganizationMember(tx: Tx, organizationId: string, userId: string, field: string): Promise<void> {
  await tx.execute(sql`select id from ${schema.organizations} where id = ${organizationId} for key share`);
  const m = schema.organizationMembers;
  const [member] = await tx.select({ userId: m.userId }).from(m).where(and(eq(m.organizationId, organizationId), eq(m.userId, userId)));
  if (!member) throw new AppError("NOT_FOUND", "User not found in this organization", { details: [{ field, message: "not a member of the organization" }] });
}
