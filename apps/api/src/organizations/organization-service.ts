import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type OrganizationRole } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, asc, count, desc, eq, gt, ilike, inArray, lt, or, sql } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { decodeCursor, pageOf } from "../http/pagination";
import { staleVersion } from "../http/etag";
import { escapeLike } from "../http/escape-like";
import { isUniqueViolation } from "../http/unique-violation";
import { slugFrom } from "./slug";

type OrganizationRow = typeof schema.organizations.$inferSelect;
export type OrganizationView = OrganizationRow & { myRole: OrganizationRole };

export interface ListOrganizationsQuery {
  limit: number;
  cursor?: string | undefined;
  q?: string | undefined;
  sort: "name" | "-createdAt";
}

/**
 * Organizations: the billing and membership boundary. Creating one makes the creator its owner;
 * every change writes its audit event in the same transaction.
 */
export function createOrganizationService(deps: { db: Database; audit: AuditWriter }) {
  const { db, audit } = deps;

  return {
    async create(userId: string, input: { name: string; slug?: string | undefined; description: string }, origin: AuditOrigin): Promise<OrganizationView> {
      const slug = input.slug ?? slugFrom(input.name);
      try {
        return await db.transaction(async (tx) => {
          const [organization] = await tx
            .insert(schema.organizations)
            .values({ id: newId("organization"), name: input.name, slug, description: input.description })
            .returning();
          if (!organization) throw new Error("insert returned nothing");
          await tx.insert(schema.organizationMembers).values({ organizationId: organization.id, userId, role: "owner" });
          await audit.record(tx, origin, {
            type: "organization.created",
            success: true,
            actorUserId: userId,
            organizationId: organization.id,
            targetType: "organization",
            targetId: organization.id,
            metadata: { after: { name: organization.name, slug } },
          });
          return { ...organization, myRole: "owner" as const };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError("NAME_TAKEN", `The slug "${slug}" is already taken`, { details: [{ field: "body.slug", message: "already taken" }] });
        throw error;
      }
    },

    /** Organizations the user belongs to; keyset-paginated by name or by creation (newest first). */
    async listMine(userId: string, query: ListOrganizationsQuery) {
      const cursor = decodeCursor(query.cursor);
      const o = schema.organizations;
      const byName = query.sort === "name";
      const after = cursor
        ? byName
          ? or(gt(o.name, String(cursor.key)), and(eq(o.name, String(cursor.key)), gt(o.id, cursor.id)))
          : lt(o.id, cursor.id)
        : undefined;
      const rows = await db
        .select({ organization: o, role: schema.organizationMembers.role })
        .from(schema.organizationMembers)
        .innerJoin(o, eq(o.id, schema.organizationMembers.organizationId))
        .where(and(eq(schema.organizationMembers.userId, userId), query.q ? ilike(o.name, `%${escapeLike(query.q)}%`) : undefined, after))
        .orderBy(...(byName ? [asc(o.name), asc(o.id)] : [desc(o.id)]))
        .limit(query.limit + 1);
      const views = rows.map((row) => ({ ...row.organization, myRole: row.role as OrganizationRole }));
      return pageOf(views, query.limit, (row) => ({ key: byName ? row.name : row.id, id: row.id }));
    },

    async namesOf(ids: string[]): Promise<string[]> {
      const rows = await db.select({ id: schema.organizations.id, name: schema.organizations.name }).from(schema.organizations).where(inArray(schema.organizations.id, ids));
      return ids.map((id) => rows.find((row) => row.id === id)?.name ?? "");
    },

    async get(access: ResolvedAccess): Promise<OrganizationView> {
      const [organization] = await db.select().from(schema.organizations).where(eq(schema.organizations.id, access.organizationId));
      if (!organization) throw new AppError("NOT_FOUND", "Organization not found");
      return { ...organization, myRole: access.organizationRole };
    },

    async update(access: ResolvedAccess, actorUserId: string, expectedVersion: number, changes: { name?: string | undefined; description?: string | undefined }, origin: AuditOrigin): Promise<OrganizationView> {
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(schema.organizations).where(eq(schema.organizations.id, access.organizationId)).for("update");
        if (!before) throw new AppError("NOT_FOUND", "Organization not found");
        if (before.version !== expectedVersion) throw staleVersion();
        const [after] = await tx
          .update(schema.organizations)
          .set({ ...changes, updatedAt: new Date(), version: sql`${schema.organizations.version} + 1` })
          .where(eq(schema.organizations.id, access.organizationId))
          .returning();
        if (!after) throw new Error("update returned nothing");
        await audit.record(tx, origin, {
          type: "organization.updated",
          success: true,
          actorUserId,
          organizationId: after.id,
          targetType: "organization",
          targetId: after.id,
          metadata: { before: { name: before.name, description: before.description }, after: { name: after.name, description: after.description } },
        });
        return { ...after, myRole: access.organizationRole };
      });
    },

    /** Deleting needs the organization to be empty: workspaces hold clusters and go first, then backups. */
    async delete(access: ResolvedAccess, actorUserId: string, origin: AuditOrigin): Promise<void> {
      await db.transaction(async (tx) => {
        const [organization] = await tx.select().from(schema.organizations).where(eq(schema.organizations.id, access.organizationId)).for("update");
        if (!organization) throw new AppError("NOT_FOUND", "Organization not found");
        const [workspaces] = await tx.select({ n: count() }).from(schema.workspaces).where(eq(schema.workspaces.organizationId, organization.id));
        if ((workspaces?.n ?? 0) > 0) {
          throw new AppError("NOT_EMPTY", "Delete the organization's workspaces first", { details: [{ message: `${workspaces?.n} workspace(s) remain` }] });
        }
        // Backups outlive their workspaces; their files would outlive the organization.
        const [backups] = await tx.select({ n: count() }).from(schema.workspaceBackups).where(eq(schema.workspaceBackups.organizationId, organization.id));
        if ((backups?.n ?? 0) > 0) {
          throw new AppError("NOT_EMPTY", "Delete the organization's backups first", { details: [{ message: `${backups?.n} backup(s) remain` }] });
        }
        await tx.delete(schema.organizations).where(eq(schema.organizations.id, organization.id));
        await audit.record(tx, origin, {
          type: "organization.deleted",
          success: true,
          actorUserId,
          organizationId: organization.id,
          targetType: "organization",
          targetId: organization.id,
          metadata: { before: { name: organization.name, slug: organization.slug } },
        });
      });
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
