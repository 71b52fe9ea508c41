import { schema, type Database } from "@hks/db";
import { and, asc, desc, eq, gt, ilike, lt, or, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import { escapeLike } from "./escape-like";
import { decodeCursor, listQuerySchema, pageOf } from "./pagination";

/** Query of every membership list: keyset pages, filters by name/e-mail and role, two orders. */
export const memberListQuerySchema = listQuerySchema.extend({
  q: z.string().max(100).optional().describe("Filter: e-mail or name contains"),
  role: z.string().max(40).optional().describe("Filter: only this role"),
  sort: z.enum(["email", "-addedAt"]).default("email"),
});

export type MemberListQuery = z.output<typeof memberListQuerySchema>;

export interface MemberRow {
  userId: string;
  role: string;
  addedAt: Date;
  email: string;
  name: string;
}

/**
 * Lists the members of one organization, workspace or project (`scope` picks the rows of the
 * membership table) joined with their users. E-mail order pages by the unique e-mail; newest-first
 * pages by (added at, user id).
 */
export async function listMembers(
  db: Database,
  table: PgTable & { userId: AnyPgColumn; role: AnyPgColumn; createdAt: AnyPgColumn },
  scope: SQL,
  query: MemberListQuery,
): Promise<{ items: MemberRow[]; nextCursor: string | null }> {
  const u = schema.users;
  const cursor = decodeCursor(query.cursor);
  const byEmail = query.sort === "email";
  const after = !cursor
    ? undefined
    : byEmail
      ? gt(u.email, String(cursor.key))
      : or(lt(table.createdAt, new Date(String(cursor.key))), and(eq(table.createdAt, new Date(String(cursor.key))), lt(table.userId, cursor.id)));
  const search = query.q ? `%${escapeLike(query.q)}%` : undefined;
  const rows = (await db
    .select({ userId: table.userId, role: table.role, addedAt: table.createdAt, email: u.email, name: u.displayName })
    .from(table)
    .innerJoin(u, eq(u.id, table.userId))
    .where(and(scope, query.role ? eq(table.role, query.role) : undefined, search ? or(ilike(u.email, search), ilike(u.displayName, search)) : undefined, after))
    .orderBy(...(byEmail ? [asc(u.email)] : [desc(table.createdAt), desc(table.userId)]))
    .limit(query.limit + 1)) as MemberRow[];
  return pageOf(rows, query.limit, (row) => ({ key: byEmail ? row.email : row.addedAt.toISOString(), id: row.userId }));
}
