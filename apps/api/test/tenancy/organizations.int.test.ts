import { schema } from "@hks/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTenancyTestbed, type SignedInUser, type TenancyTestbed } from "./tenancy-testbed";

describe("organizations, members and invitations", () => {
  let t: TenancyTestbed;
  let owner: SignedInUser;
  let orgId: string;

  beforeAll(async () => {
    t = await startTenancyTestbed();
    owner = await t.user("owner");
    const created = await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Acme Corp" } });
    expect(created.statusCode).toBe(201);
    orgId = created.json().id;
  });
  afterAll(async () => t.close());

  it("creates an organization with its creator as owner, audited in the same transaction", async () => {
    const org = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}` })).json();
    expect(org).toMatchObject({ name: "Acme Corp", myRole: "owner", version: 1 });
    expect(org.slug).toMatch(/^acme-corp-[0-9a-f]{6}$/);
    const events = await t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.organizationId, orgId));
    expect(events.map((event) => event.type)).toContain("organization.created");
  });

  it("updates with If-Match and refuses a stale ETag without changing anything", async () => {
    const read = await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}` });
    const etag = read.headers.etag as string;
    const ok = await t.call(owner, { method: "PUT", url: `/api/v1/organizations/${orgId}`, headers: { "if-match": etag }, payload: { description: "first" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).not.toBe(etag);
    const stale = await t.call(owner, { method: "PUT", url: `/api/v1/organizations/${orgId}`, headers: { "if-match": etag }, payload: { description: "second" } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe("PRECONDITION_FAILED");
    const missing = await t.call(owner, { method: "PUT", url: `/api/v1/organizations/${orgId}`, payload: { description: "third" } });
    expect(missing.statusCode).toBe(428);
    expect((await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}` })).json().description).toBe("first");
  });

  it("refuses a duplicate slug with NAME_TAKEN", async () => {
    await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Dup", slug: "dup-slug" } });
    const again = await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Dup 2", slug: "dup-slug" } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("NAME_TAKEN");
  });

  it("hides an organization from non-members (404, not 403)", async () => {
    const stranger = await t.user("stranger");
    const response = await t.call(stranger, { method: "GET", url: `/api/v1/organizations/${orgId}` });
    expect(response.statusCode).toBe(404);
    expect((await t.call(stranger, { method: "GET", url: "/api/v1/organizations/org_00000000000000000000000000" })).statusCode).toBe(404);
  });

  it("invites by e-mail; the invitee accepts once; reuse and expiry are refused", async () => {
    const invitee = await t.user("invitee");
    const created = await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: invitee.email, role: "admin" } });
    expect(created.statusCode).toBe(201);
    const { token, status } = created.json();
    expect(status).toBe("pending");

    const someoneElse = await t.user("someone");
    expect((await t.call(someoneElse, { method: "POST", url: "/api/v1/invitations/accept", payload: { token } })).statusCode).toBe(404);

    const accepted = await t.call(invitee, { method: "POST", url: "/api/v1/invitations/accept", payload: { token } });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: "accepted", organizationName: "Acme Corp" });
    expect((await t.call(invitee, { method: "GET", url: `/api/v1/organizations/${orgId}` })).json().myRole).toBe("admin");

    const reused = await t.call(invitee, { method: "POST", url: "/api/v1/invitations/accept", payload: { token } });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe("INVITATION_USED");

    const late = await t.user("late");
    const lateInvite = (await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: late.email } })).json();
    await t.database.db.update(schema.organizationInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.organizationInvitations.id, lateInvite.id));
    const expired = await t.call(late, { method: "POST", url: "/api/v1/invitations/accept", payload: { token: lateInvite.token } });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe("INVITATION_EXPIRED");
    expect((await t.call(late, { method: "GET", url: `/api/v1/organizations/${orgId}` })).statusCode).toBe(404);
  });

  it("declines and revokes invitations", async () => {
    const invitee = await t.user("decliner");
    const first = (await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: invitee.email } })).json();
    expect((await t.call(invitee, { method: "POST", url: "/api/v1/invitations/decline", payload: { token: first.token } })).json().status).toBe("declined");
    const second = (await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: invitee.email } })).json();
    expect((await t.call(owner, { method: "DELETE", url: `/api/v1/organizations/${orgId}/invitations/${second.id}` })).statusCode).toBe(204);
    expect((await t.call(invitee, { method: "POST", url: "/api/v1/invitations/accept", payload: { token: second.token } })).json().error.code).toBe("INVITATION_USED");
  });

  it("always keeps an owner: the last owner can neither be demoted, removed nor leave", async () => {
    const demote = await t.call(owner, { method: "PUT", url: `/api/v1/organizations/${orgId}/members/${owner.userId}`, payload: { role: "admin" } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe("LAST_OWNER");
    expect((await t.call(owner, { method: "DELETE", url: `/api/v1/organizations/${orgId}/members/${owner.userId}` })).json().error.code).toBe("LAST_OWNER");
    expect((await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/leave` })).json().error.code).toBe("LAST_OWNER");
    const members = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members` })).json().items;
    expect(members.find((member: { userId: string }) => member.userId === owner.userId).role).toBe("owner");
  });

  it("lets an admin manage members but not owners", async () => {
    const admin = await t.user("admin");
    const member = await t.user("member");
    for (const [user, role] of [[admin, "admin"], [member, "member"]] as const) {
      const { token } = (await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: user.email, role } })).json();
      await t.call(user, { method: "POST", url: "/api/v1/invitations/accept", payload: { token } });
    }
    expect((await t.call(admin, { method: "PUT", url: `/api/v1/organizations/${orgId}/members/${owner.userId}`, payload: { role: "member" } })).statusCode).toBe(403);
    expect((await t.call(member, { method: "DELETE", url: `/api/v1/organizations/${orgId}/members/${admin.userId}` })).statusCode).toBe(403);
    expect((await t.call(admin, { method: "DELETE", url: `/api/v1/organizations/${orgId}/members/${member.userId}` })).statusCode).toBe(204);
    expect((await t.call(member, { method: "GET", url: `/api/v1/organizations/${orgId}` })).statusCode).toBe(404);
  });

  it("lists members with cursor pagination, filters and both orders", async () => {
    const all = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members?limit=100` })).json().items as { email: string; role: string; joinedAt: string }[];
    expect(all.map((member) => member.email)).toEqual([...all.map((member) => member.email)].sort());
    const firstTwo = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members?limit=2` })).json();
    const rest = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members?limit=100&cursor=${firstTwo.nextCursor}` })).json();
    expect([...firstTwo.items, ...rest.items].map((member: { email: string }) => member.email)).toEqual(all.map((member) => member.email));
    const owners = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members?role=owner` })).json().items;
    expect(owners.map((member: { email: string }) => member.email)).toEqual([owner.email]);
    const found = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members?q=${encodeURIComponent(owner.email.slice(0, 8))}` })).json().items;
    expect(found.map((member: { email: string }) => member.email)).toContain(owner.email);
    const newest = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members?sort=-addedAt&limit=1` })).json();
    const next = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members?sort=-addedAt&limit=1&cursor=${newest.nextCursor}` })).json();
    expect(new Date(newest.items[0].joinedAt).getTime()).toBeGreaterThanOrEqual(new Date(next.items[0].joinedAt).getTime());
    expect(newest.items[0].userId).not.toBe(next.items[0].userId);
  });

  it("lists my organizations with cursor pagination, filtering and sorting", async () => {
    const lister = await t.user("lister");
    for (const name of ["Zeta", "Alpha", "Mu", "Beta", "alpha two"]) await t.call(lister, { method: "POST", url: "/api/v1/organizations", payload: { name } });
    const first = (await t.call(lister, { method: "GET", url: "/api/v1/organizations?limit=2&sort=name" })).json();
    expect(first.items.map((org: { name: string }) => org.name)).toEqual(["Alpha", "Beta"]);
    const second = (await t.call(lister, { method: "GET", url: `/api/v1/organizations?limit=2&sort=name&cursor=${first.nextCursor}` })).json();
    expect(second.items.map((org: { name: string }) => org.name)).toEqual(["Mu", "Zeta"]);
    const filtered = (await t.call(lister, { method: "GET", url: "/api/v1/organizations?q=alpha" })).json();
    expect(filtered.items).toHaveLength(2);
    const newest = (await t.call(lister, { method: "GET", url: "/api/v1/organizations?sort=-createdAt&limit=1" })).json();
    expect(newest.items[0].name).toBe("alpha two");
    expect((await t.call(lister, { method: "GET", url: "/api/v1/organizations?cursor=garbage" })).json().error.code).toBe("VALIDATION_FAILED");
  });

  it("shows the audit log to administrators, filtered and paginated", async () => {
    const page = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/audit-logs?type=organization.invitation.*&limit=2` })).json();
    expect(page.items).toHaveLength(2);
    expect(page.items.every((event: { type: string }) => event.type.startsWith("organization.invitation."))).toBe(true);
    expect(page.nextCursor).not.toBeNull();
    const update = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/audit-logs?type=organization.updated` })).json().items[0];
    expect(update.metadata).toMatchObject({ before: { description: "" }, after: { description: "first" } });
    expect(update.requestId).toMatch(/^req_/);
    expect(update.ipAddress).toBe("127.0.0.1");
  });

  it("shows administrators the sign-in and security events of their members only", async () => {
    const page = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/security-logs` })).json();
    const types = page.items.map((event: { type: string }) => event.type);
    expect(types).toContain("auth.session.created");
    const stranger = await t.user("not-a-member");
    const memberIds = new Set(
      (await t.database.db.select({ id: schema.organizationMembers.userId }).from(schema.organizationMembers).where(eq(schema.organizationMembers.organizationId, orgId))).map((row) => row.id),
    );
    const sessionOwners = await t.database.db.select({ id: schema.sessions.id, userId: schema.sessions.userId }).from(schema.sessions);
    const ownerOf = new Map(sessionOwners.map((row) => [row.id, row.userId]));
    const reported = page.items.map((event: { sessionId: string | null }) => ownerOf.get(event.sessionId ?? ""));
    expect(reported.every((userId: string | undefined) => userId !== undefined && memberIds.has(userId))).toBe(true);
    expect(reported).not.toContain(stranger.userId);
    const member = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/members` })).json().items[0];
    const filtered = (await t.call(owner, { method: "GET", url: `/api/v1/organizations/${orgId}/security-logs?user=${member.userId}` })).json();
    expect(filtered.items.length).toBeGreaterThan(0);
  });

  it("deletes an empty organization", async () => {
    const lone = (await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Short lived" } })).json();
    expect((await t.call(owner, { method: "DELETE", url: `/api/v1/organizations/${lone.id}` })).statusCode).toBe(204);
    expect((await t.call(owner, { method: "GET", url: `/api/v1/organizations/${lone.id}` })).statusCode).toBe(404);
  });
});
