import { createHash, randomBytes } from "node:crypto";
import type { AuditOrigin, AuditWriter } from "@hks/audit";
import { AppError, type OrganizationRole } from "@hks/contracts";
import { newId, schema, type Database } from "@hks/db";
import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import type { ResolvedAccess } from "../authorization/resolved-access";
import { decodeCursor, pageOf } from "../http/pagination";

const INVITATION_TTL_MS = 7 * 86_400_000;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

type InvitationRow = typeof schema.organizationInvitations.$inferSelect;

export function invitationStatus(row: InvitationRow, now = new Date()): "pending" | "accepted" | "declined" | "revoked" | "expired" {
  if (row.outcome === "accepted" || row.outcome === "declined" || row.outcome === "revoked") return row.outcome;
  return row.expiresAt <= now ? "expired" : "pending";
}

/**
 * Invitations by e-mail: a single-use token (only its hash is stored) that expires after 7 days.
 * Only the person the invitation was sent to — a signed-in user with that verified e-mail — can
 * accept or decline it; every outcome is final and audited.
 */
export function createInvitationService(deps: { db: Database; audit: AuditWriter; publicUrl: string }) {
  const { db, audit } = deps;
  const inv = schema.organizationInvitations;

  /** Locks the invitation a token names and checks it can still be answered by this user. */
  async function openInvitation(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], token: string, user: { id: string; email: string }) {
    const [row] = await tx.select().from(inv).where(eq(inv.tokenHash, hashToken(token))).for("update");
    // Someone else's invitation is as good as no invitation: no existence leak.
    if (!row || row.email !== user.email.toLowerCase()) throw new AppError("NOT_FOUND", "Invitation not found");
    const status = invitationStatus(row);
    if (status === "expired") throw new AppError("INVITATION_EXPIRED", "The invitation has expired; ask for a new one");
    if (status !== "pending") throw new AppError("INVITATION_USED", `The invitation was already ${status}`);
    return row;
  }

  return {
    async create(access: ResolvedAccess, actorUserId: string, input: { email: string; role: OrganizationRole }, origin: AuditOrigin) {
      if (input.role === "owner" && access.organizationRole !== "owner") throw new AppError("FORBIDDEN", "Only an owner can invite an owner");
      const email = input.email.toLowerCase();
      const token = randomBytes(32).toString("base64url");
      return db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ userId: schema.users.id })
          .from(schema.users)
          .innerJoin(schema.organizationMembers, eq(schema.organizationMembers.userId, schema.users.id))
          .where(and(eq(schema.users.email, email), eq(schema.organizationMembers.organizationId, access.organizationId)));
        if (existing) throw new AppError("CONFLICT", "That person is already a member");
        const [row] = await tx
          .insert(inv)
          .values({ id: newId("invitation"), organizationId: access.organizationId, email, role: input.role, tokenHash: hashToken(token), invitedBy: actorUserId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        await audit.record(tx, origin, {
          type: "organization.invitation.created",
          success: true,
          actorUserId,
          organizationId: access.organizationId,
          targetType: "invitation",
          targetId: row.id,
          metadata: { email, role: input.role },
        });
        return { row, token, acceptUrl: `${deps.publicUrl}/invitations/accept?token=${token}` };
      });
    },

    async list(access: ResolvedAccess, query: { limit: number; cursor?: string | undefined }) {
      const cursor = decodeCursor(query.cursor);
      const rows = await db
        .select()
        .from(inv)
        .where(and(eq(inv.organizationId, access.organizationId), cursor ? lt(inv.id, cursor.id) : undefined))
        .orderBy(desc(inv.id))
        .limit(query.limit + 1);
      return pageOf(rows, query.limit, (row) => ({ key: row.id, id: row.id }));
    },

    async revoke(access: ResolvedAccess, actorUserId: string, invitationId: string, origin: AuditOrigin): Promise<void> {
      await db.transaction(async (tx) => {
        const [row] = await tx.select().from(inv).where(and(eq(inv.id, invitationId), eq(inv.organizationId, access.organizationId))).for("update");
        if (!row) throw new AppError("NOT_FOUND", "Invitation not found");
        if (invitationStatus(row) !== "pending") throw new AppError("INVITATION_USED", `The invitation is already ${invitationStatus(row)}`);
        await tx.update(inv).set({ outcome: "revoked", endedAt: new Date() }).where(eq(inv.id, row.id));
        await audit.record(tx, origin, { type: "organization.invitation.revoked", success: true, actorUserId, organizationId: access.organizationId, targetType: "invitation", targetId: row.id });
      });
    },

    async accept(user: { id: string; email: string }, token: string, origin: AuditOrigin) {
      return db.transaction(async (tx) => {
        const row = await openInvitation(tx, token, user);
        await tx.update(inv).set({ outcome: "accepted", endedAt: new Date() }).where(and(eq(inv.id, row.id), isNull(inv.outcome)));
        await tx
          .insert(schema.organizationMembers)
          .values({ organizationId: row.organizationId, userId: user.id, role: row.role })
          .onConflictDoUpdate({ target: [schema.organizationMembers.organizationId, schema.organizationMembers.userId], set: { role: sql`excluded.role`, updatedAt: new Date() } });
        await audit.record(tx, origin, { type: "organization.invitation.accepted", success: true, actorUserId: user.id, organizationId: row.organizationId, targetType: "invitation", targetId: row.id, metadata: { role: row.role } });
        await audit.record(tx, origin, { type: "organization.member.added", success: true, actorUserId: user.id, organizationId: row.organizationId, targetType: "user", targetId: user.id, metadata: { after: { role: row.role }, via: "invitation" } });
        return { ...row, outcome: "accepted" };
      });
    },

    async decline(user: { id: string; email: string }, token: string, origin: AuditOrigin) {
      return db.transaction(async (tx) => {
        const row = await openInvitation(tx, token, user);
        await tx.update(inv).set({ outcome: "declined", endedAt: new Date() }).where(eq(inv.id, row.id));
        await audit.record(tx, origin, { type: "organization.invitation.declined", success: true, actorUserId: user.id, organizationId: row.organizationId, targetType: "invitation", targetId: row.id });
        return { ...row, outcome: "declined" };
      });
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
