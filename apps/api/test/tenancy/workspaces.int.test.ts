import { schema } from "@hks/db";
import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTenancyTestbed, type SignedInUser, type TenancyTestbed } from "./tenancy-testbed";

describe("workspaces and workspace members", () => {
  let t: TenancyTestbed;
  let owner: SignedInUser;
  let orgId: string;

  const wsUrl = (org: string, wsId = "") => `/api/v1/organizations/${org}/workspaces${wsId ? `/${wsId}` : ""}`;

  async function newOrganization(user: SignedInUser, name: string): Promise<string> {
    const response = await t.call(user, { method: "POST", url: "/api/v1/organizations", payload: { name } });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  async function join(org: string, user: SignedInUser, role: "admin" | "member" = "member"): Promise<void> {
    const { token } = (await t.call(owner, { method: "POST", url: `/api/v1/organizations/${org}/invitations`, payload: { email: user.email, role } })).json();
    expect((await t.call(user, { method: "POST", url: "/api/v1/invitations/accept", payload: { token } })).statusCode).toBe(200);
  }

  async function createWorkspace(org: string, payload: Record<string, unknown>, as = owner) {
    const response = await t.call(as, { method: "POST", url: wsUrl(org), payload: { planId: "pro-shared", ...payload } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  const workspaceCount = async (org: string) => (await t.database.db.select().from(schema.workspaces).where(eq(schema.workspaces.organizationId, org))).length;
  const auditTypes = async (org: string, targetId: string) =>
    (await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.organizationId, org), eq(schema.auditEvents.targetId, targetId)))).map((event) => event.type);

  beforeAll(async () => {
    t = await startTenancyTestbed();
    owner = await t.user("owner");
    orgId = await newOrganization(owner, "Workspace Co");
  });
  afterAll(async () => t.close());

  describe("create", () => {
    it("creates a PENDING_CREATION record sized at the plan's limits, with its creator as workspace_admin, preset roles and an audit event", async () => {
      const response = await t.call(owner, { method: "POST", url: wsUrl(orgId), payload: { name: "alpha", planId: "starter-shared", description: "first" } });
      expect(response.statusCode).toBe(201);
      expect(response.headers.etag).toBe('"v1"');
      const ws = response.json();
      expect(ws).toMatchObject({
        name: "alpha",
        description: "first",
        planId: "starter-shared",
        kubernetesVersion: "v1.35.4",
        status: "PENDING_CREATION",
        statusReason: null,
        resources: { cpuMillicores: 4_000, memoryMib: 8_192, storageGib: 50 },
        allocated: { cpuMillicores: 0, memoryMib: 0, storageGib: 0 },
        free: { cpuMillicores: 4_000, memoryMib: 8_192, storageGib: 50 },
        createdBy: owner.userId,
        version: 1,
      });
      expect(ws.id).toMatch(/^ws_/);
      const members = (await t.call(owner, { method: "GET", url: `${wsUrl(orgId, ws.id)}/members` })).json().items;
      expect(members).toEqual([expect.objectContaining({ userId: owner.userId, role: "workspace_admin", email: owner.email })]);
      const roles = await t.database.db.select({ name: schema.roles.name }).from(schema.roles).where(eq(schema.roles.workspaceId, ws.id));
      expect(roles.map((role) => role.name).sort()).toEqual(["admin", "cluster-admin", "edit", "view"]);
      const [event] = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, ws.id), eq(schema.auditEvents.type, "workspace.created")));
      expect(event?.metadata).toMatchObject({ after: { name: "alpha", planId: "starter-shared", resources: { cpuMillicores: 4_000 } } });
    });

    it("takes smaller resources than the plan allows, but never more (PLAN_LIMIT, nothing created)", async () => {
      const org = await newOrganization(owner, "Sizing");
      const small = await createWorkspace(org, { name: "small", planId: "starter-shared", resources: { cpuMillicores: 500 } });
      expect(small.resources).toEqual({ cpuMillicores: 500, memoryMib: 8_192, storageGib: 50 });
      const tooBig = await t.call(owner, { method: "POST", url: wsUrl(org), payload: { name: "big", planId: "starter-shared", resources: { memoryMib: 8_193 } } });
      expect(tooBig.statusCode).toBe(422);
      expect(tooBig.json().error).toMatchObject({ code: "PLAN_LIMIT", details: [{ field: "body.resources.memoryMib" }] });
      expect(await workspaceCount(org)).toBe(1);
    });

    it("refuses an unknown plan, a name that is not a DNS label and an unknown Kubernetes version, creating nothing", async () => {
      const org = await newOrganization(owner, "Validation");
      for (const payload of [
        { name: "ok-name", planId: "platinum" },
        { name: "Not_A_Label", planId: "pro-shared" },
        { name: "-dash", planId: "pro-shared" },
        { name: "ok-name", planId: "pro-shared", kubernetesVersion: "v1.20.0" },
        { name: "ok-name", planId: "pro-shared", extra: true },
      ]) {
        const response = await t.call(owner, { method: "POST", url: wsUrl(org), payload });
        expect({ payload, status: response.statusCode, code: response.json().error.code }).toEqual({ payload, status: 400, code: "VALIDATION_FAILED" });
      }
      expect(await workspaceCount(org)).toBe(0);
    });

    it("refuses a duplicate name in the organization with NAME_TAKEN, but allows it in another organization", async () => {
      const org = await newOrganization(owner, "Names");
      await createWorkspace(org, { name: "same" });
      const again = await t.call(owner, { method: "POST", url: wsUrl(org), payload: { name: "same", planId: "pro-shared" } });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("NAME_TAKEN");
      expect(await workspaceCount(org)).toBe(1);
      const other = await newOrganization(owner, "Names elsewhere");
      await createWorkspace(other, { name: "same" });
    });

    it("allows as many workspaces as the requested plan allows per organization (PLAN_LIMIT after that)", async () => {
      const org = await newOrganization(owner, "Starter limits");
      await createWorkspace(org, { name: "one", planId: "starter-shared" });
      await createWorkspace(org, { name: "two", planId: "pro-shared" });
      const third = await t.call(owner, { method: "POST", url: wsUrl(org), payload: { name: "three", planId: "starter-shared" } });
      expect(third.statusCode).toBe(422);
      expect(third.json().error.code).toBe("PLAN_LIMIT");
      expect(await workspaceCount(org)).toBe(2);
      await createWorkspace(org, { name: "three", planId: "pro-shared" });
    });

    it("is for organization owners and admins: a plain member gets 403, a stranger 404", async () => {
      const member = await t.user("plain");
      await join(orgId, member);
      const admin = await t.user("org-admin");
      await join(orgId, admin, "admin");
      expect((await t.call(member, { method: "POST", url: wsUrl(orgId), payload: { name: "nope", planId: "pro-shared" } })).statusCode).toBe(403);
      const stranger = await t.user("stranger");
      expect((await t.call(stranger, { method: "POST", url: wsUrl(orgId), payload: { name: "nope", planId: "pro-shared" } })).statusCode).toBe(404);
      await createWorkspace(orgId, { name: "by-admin" }, admin);
    });
  });

  describe("organization deletion", () => {
    it("refuses to delete an organization that still has workspaces (NOT_EMPTY), then deletes it once they are gone", async () => {
      const org = await newOrganization(owner, "Not empty");
      const ws = await createWorkspace(org, { name: "keep" });
      const refused = await t.call(owner, { method: "DELETE", url: `/api/v1/organizations/${org}` });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe("NOT_EMPTY");
      expect((await t.call(owner, { method: "GET", url: `/api/v1/organizations/${org}` })).statusCode).toBe(200);
      expect((await t.call(owner, { method: "GET", url: wsUrl(org, ws.id) })).statusCode).toBe(200);
      const deleting = await t.call(owner, { method: "DELETE", url: wsUrl(org, ws.id) });
      expect(deleting.statusCode).toBe(202);
      // Still there while its task runs: the organization is not empty yet.
      expect((await t.call(owner, { method: "DELETE", url: `/api/v1/organizations/${org}` })).statusCode).toBe(409);
      await t.runTask(deleting.json().taskId);
      expect((await t.call(owner, { method: "DELETE", url: `/api/v1/organizations/${org}` })).statusCode).toBe(204);
    });
  });

  describe("list", () => {
    let org: string;
    const names = ["kilo", "alpha", "echo", "bravo", "delta", "charlie", "juliet", "hotel", "golf", "foxtrot", "india"];

    beforeAll(async () => {
      org = await newOrganization(owner, "Many workspaces");
      for (const name of names) await createWorkspace(org, { name, planId: "enterprise-shared", resources: { cpuMillicores: 1_000 } });
    });

    const allPages = async (user: SignedInUser, query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `${wsUrl(org)}?${query}${cursor ? `&cursor=${cursor}` : ""}`;
        const page = (await t.call(user, { method: "GET", url })).json();
        seen.push(...page.items.map((ws: { name: string }) => ws.name));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      return { seen, pages };
    };

    it("walks every workspace exactly once by name with keyset cursors", async () => {
      const { seen, pages } = await allPages(owner, "limit=3&sort=name");
      expect(seen).toEqual([...names].sort());
      expect(pages).toBe(4);
    });

    it("walks newest first with sort=-createdAt", async () => {
      const { seen } = await allPages(owner, "limit=4&sort=-createdAt");
      expect(seen).toEqual([...names].reverse());
    });

    it("keeps a cursor stable when rows are added before it", async () => {
      const first = (await t.call(owner, { method: "GET", url: `${wsUrl(org)}?limit=2&sort=name` })).json();
      expect(first.items.map((ws: { name: string }) => ws.name)).toEqual(["alpha", "bravo"]);
      const late = await createWorkspace(org, { name: "aardvark", planId: "enterprise-shared", resources: { cpuMillicores: 1 } });
      const second = (await t.call(owner, { method: "GET", url: `${wsUrl(org)}?limit=2&sort=name&cursor=${first.nextCursor}` })).json();
      expect(second.items.map((ws: { name: string }) => ws.name)).toEqual(["charlie", "delta"]);
      await t.call(owner, { method: "DELETE", url: wsUrl(org, late.id) });
    });

    it("filters by name and status", async () => {
      const q = (await t.call(owner, { method: "GET", url: `${wsUrl(org)}?q=LI` })).json();
      expect(q.items.map((ws: { name: string }) => ws.name)).toEqual(["charlie", "juliet"]);
      const [golf] = await t.database.db.update(schema.workspaces).set({ status: "RUNNING" }).where(and(eq(schema.workspaces.organizationId, org), eq(schema.workspaces.name, "golf"))).returning();
      const running = (await t.call(owner, { method: "GET", url: `${wsUrl(org)}?status=RUNNING` })).json();
      expect(running.items.map((ws: { id: string }) => ws.id)).toEqual([golf?.id]);
      expect((await t.call(owner, { method: "GET", url: `${wsUrl(org)}?status=BOGUS` })).statusCode).toBe(400);
      expect((await t.call(owner, { method: "GET", url: `${wsUrl(org)}?cursor=garbage` })).json().error.code).toBe("VALIDATION_FAILED");
    });

    it("shows a plain member only the workspaces they are a member of or hold a project in", async () => {
      const member = await t.user("lister");
      const { token } = (await t.call(owner, { method: "POST", url: `/api/v1/organizations/${org}/invitations`, payload: { email: member.email } })).json();
      await t.call(member, { method: "POST", url: "/api/v1/invitations/accept", payload: { token } });
      expect((await t.call(member, { method: "GET", url: wsUrl(org) })).json().items).toEqual([]);

      const all = (await t.call(owner, { method: "GET", url: `${wsUrl(org)}?limit=100` })).json().items as { id: string; name: string }[];
      const byName = (name: string) => all.find((ws) => ws.name === name)?.id ?? "";
      await t.call(owner, { method: "POST", url: `${wsUrl(org, byName("echo"))}/members`, payload: { userId: member.userId, role: "viewer" } });
      const project = (await t.call(owner, { method: "POST", url: `${wsUrl(org, byName("hotel"))}/projects`, payload: { name: "p" } })).json();
      await t.call(owner, { method: "POST", url: `${wsUrl(org, byName("hotel"))}/projects/${project.id}/members`, payload: { userId: member.userId, role: "viewer" } });

      const visible = (await t.call(member, { method: "GET", url: wsUrl(org) })).json().items.map((ws: { name: string }) => ws.name);
      expect(visible).toEqual(["echo", "hotel"]);
      expect((await t.call(member, { method: "GET", url: wsUrl(org, byName("hotel")) })).statusCode).toBe(200);
      expect((await t.call(member, { method: "GET", url: wsUrl(org, byName("india")) })).statusCode).toBe(404);
    });
  });

  describe("get, update and delete", () => {
    let org: string;
    let ws: { id: string };

    beforeAll(async () => {
      org = await newOrganization(owner, "Lifecycle");
      ws = await createWorkspace(org, { name: "main", planId: "pro-shared", resources: { cpuMillicores: 4_000 } });
      for (const [name, cpu] of [["web", 1_000], ["api", 500]] as const) {
        const created = await t.call(owner, { method: "POST", url: `${wsUrl(org, ws.id)}/projects`, payload: { name, quota: { cpuMillicores: cpu, memoryMib: 1_024 } } });
        expect(created.statusCode).toBe(201);
      }
    });

    const read = async () => {
      const response = await t.call(owner, { method: "GET", url: wsUrl(org, ws.id) });
      return { body: response.json(), etag: response.headers.etag as string };
    };
    const put = (etag: string | undefined, payload: Record<string, unknown>) =>
      t.call(owner, { method: "PUT", url: wsUrl(org, ws.id), payload, ...(etag ? { headers: { "if-match": etag } } : {}) });

    it("reports what the top-level projects hold and what is free", async () => {
      const { body, etag } = await read();
      expect(etag).toBe(`"v${body.version}"`);
      expect(body.allocated).toEqual({ cpuMillicores: 1_500, memoryMib: 2_048, storageGib: 0 });
      expect(body.free).toEqual({ cpuMillicores: 2_500, memoryMib: 32_768 - 2_048, storageGib: 250 });
    });

    it("updates with If-Match: 428 without it, 412 when stale, and neither changes anything", async () => {
      const { etag } = await read();
      expect((await put(undefined, { description: "x" })).statusCode).toBe(428);
      const ok = await put(etag, { description: "updated", name: "main-renamed" });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ description: "updated", name: "main-renamed", version: 2 });
      const stale = await put(etag, { description: "lost write" });
      expect(stale.statusCode).toBe(412);
      expect(stale.json().error.code).toBe("PRECONDITION_FAILED");
      expect((await read()).body.description).toBe("updated");
      const [event] = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, ws.id), eq(schema.auditEvents.type, "workspace.updated")));
      expect(event?.metadata).toMatchObject({ before: { name: "main", description: "" }, after: { name: "main-renamed", description: "updated" } });
    });

    it("refuses a rename onto another workspace's name (NAME_TAKEN)", async () => {
      await createWorkspace(org, { name: "other" });
      const { etag, body } = await read();
      const taken = await put(etag, { name: "other" });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe("NAME_TAKEN");
      expect((await read()).body).toMatchObject({ name: body.name, version: body.version });
    });

    it("resizes within the plan but not below what projects hold (QUOTA_EXCEEDED) nor above the plan (PLAN_LIMIT)", async () => {
      const { etag, body } = await read();
      const below = await put(etag, { resources: { cpuMillicores: 1_499 } });
      expect(below.statusCode).toBe(422);
      expect(below.json().error).toMatchObject({ code: "QUOTA_EXCEEDED", details: [{ field: "body.resources.cpuMillicores" }] });
      const above = await put(etag, { resources: { cpuMillicores: 16_001 } });
      expect(above.json().error.code).toBe("PLAN_LIMIT");
      expect((await read()).body).toMatchObject({ resources: body.resources, version: body.version });
      const exact = await put(etag, { resources: { cpuMillicores: 1_500 } });
      expect(exact.statusCode).toBe(200);
      expect(exact.json().free.cpuMillicores).toBe(0);
    });

    it("changes plan: a downgrade lowers what the new plan does not allow, if the projects still fit", async () => {
      let { etag } = await read();
      const up = await put(etag, { resources: { memoryMib: 30_000 } });
      expect(up.statusCode).toBe(200);
      etag = up.headers.etag as string;
      const down = await put(etag, { planId: "starter-shared" });
      expect(down.statusCode).toBe(200);
      expect(down.json()).toMatchObject({ planId: "starter-shared", resources: { cpuMillicores: 1_500, memoryMib: 8_192, storageGib: 50 } });
      const back = await put(down.headers.etag as string, { planId: "pro-dedicated", resources: { cpuMillicores: 16_000 } });
      expect(back.json()).toMatchObject({ planId: "pro-dedicated", resources: { cpuMillicores: 16_000, memoryMib: 8_192 } });
      const unknown = await put(back.headers.etag as string, { planId: "platinum" });
      expect(unknown.statusCode).toBe(400);
    });

    it("refuses a downgrade the projects would not fit in (QUOTA_EXCEEDED), changing nothing", async () => {
      const org2 = await newOrganization(owner, "Downgrade");
      const big = await createWorkspace(org2, { name: "big", planId: "pro-shared" });
      await t.call(owner, { method: "POST", url: `${wsUrl(org2, big.id)}/projects`, payload: { name: "hungry", quota: { memoryMib: 20_000 } } });
      const refused = await t.call(owner, { method: "PUT", url: wsUrl(org2, big.id), headers: { "if-match": '"v1"' }, payload: { planId: "starter-shared" } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe("QUOTA_EXCEEDED");
      expect((await t.call(owner, { method: "GET", url: wsUrl(org2, big.id) })).json()).toMatchObject({ planId: "pro-shared", version: 1 });
    });

    it("refuses a plan whose workspace or project count the organization already exceeds (PLAN_LIMIT)", async () => {
      const org3 = await newOrganization(owner, "Counted");
      const [a] = [await createWorkspace(org3, { name: "a" }), await createWorkspace(org3, { name: "b" }), await createWorkspace(org3, { name: "c" })];
      const tooMany = await t.call(owner, { method: "PUT", url: wsUrl(org3, a.id), headers: { "if-match": '"v1"' }, payload: { planId: "starter-shared" } });
      expect(tooMany.statusCode).toBe(422);
      expect(tooMany.json().error).toMatchObject({ code: "PLAN_LIMIT", details: [{ field: "body.planId" }] });

      const org4 = await newOrganization(owner, "Many projects");
      const busy = await createWorkspace(org4, { name: "busy" });
      for (let i = 0; i < 11; i++) await t.call(owner, { method: "POST", url: `${wsUrl(org4, busy.id)}/projects`, payload: { name: `p${i}` } });
      const refused = await t.call(owner, { method: "PUT", url: wsUrl(org4, busy.id), headers: { "if-match": '"v1"' }, payload: { planId: "starter-shared" } });
      expect(refused.json().error.code).toBe("PLAN_LIMIT");
      expect((await t.call(owner, { method: "GET", url: wsUrl(org4, busy.id) })).json().planId).toBe("pro-shared");
    });

    it("deletes the workspace and everything in it, audited; then it is not found", async () => {
      const org5 = await newOrganization(owner, "Deleting");
      const doomed = await createWorkspace(org5, { name: "doomed" });
      const parent = (await t.call(owner, { method: "POST", url: `${wsUrl(org5, doomed.id)}/projects`, payload: { name: "parent", quota: { cpuMillicores: 100 } } })).json();
      await t.call(owner, { method: "POST", url: `${wsUrl(org5, doomed.id)}/projects`, payload: { name: "child", parentId: parent.id } });
      const deleting = await t.call(owner, { method: "DELETE", url: wsUrl(org5, doomed.id) });
      expect(deleting.statusCode).toBe(202);
      expect(deleting.json()).toMatchObject({ workspaceId: doomed.id, status: "DELETING" });
      expect((await t.call(owner, { method: "GET", url: wsUrl(org5, doomed.id) })).json().status).toBe("DELETING");
      const again = await t.call(owner, { method: "DELETE", url: wsUrl(org5, doomed.id) });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("INVALID_STATE");
      await t.runTask(deleting.json().taskId);
      expect((await t.call(owner, { method: "GET", url: wsUrl(org5, doomed.id) })).statusCode).toBe(404);
      expect(await t.database.db.select().from(schema.projects).where(eq(schema.projects.workspaceId, doomed.id))).toEqual([]);
      expect(await t.database.db.select().from(schema.roles).where(eq(schema.roles.workspaceId, doomed.id))).toEqual([]);
      expect(await t.database.db.select().from(schema.workspaceMembers).where(eq(schema.workspaceMembers.workspaceId, doomed.id))).toEqual([]);
      const [event] = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, doomed.id), eq(schema.auditEvents.type, "workspace.deleted")));
      expect(event?.metadata).toMatchObject({ name: "doomed", deletedProjects: 2 });
    });

    it("hides another organization's workspace behind this organization's path (404)", async () => {
      const foreignOrg = await newOrganization(owner, "Foreign");
      const foreign = await createWorkspace(foreignOrg, { name: "foreign" });
      expect((await t.call(owner, { method: "GET", url: wsUrl(org, foreign.id) })).statusCode).toBe(404);
      expect((await t.call(owner, { method: "DELETE", url: wsUrl(org, foreign.id) })).statusCode).toBe(404);
      expect((await t.call(owner, { method: "GET", url: wsUrl(foreignOrg, foreign.id) })).statusCode).toBe(200);
    });
  });

  describe("members", () => {
    let org: string;
    let ws: { id: string };
    let member: SignedInUser;
    const membersUrl = () => `${wsUrl(org, ws.id)}/members`;
    const roleOf = async (userId: string) =>
      (await t.database.db.select().from(schema.workspaceMembers).where(and(eq(schema.workspaceMembers.workspaceId, ws.id), eq(schema.workspaceMembers.userId, userId))))[0]?.role;

    beforeAll(async () => {
      org = await newOrganization(owner, "Members");
      ws = await createWorkspace(org, { name: "team" });
      member = await t.user("ws-member");
      await join(org, member);
    });

    it("gives roles only to organization members: anyone else is not found, and nothing is added", async () => {
      const outsider = await t.user("ws-outsider");
      const refused = await t.call(owner, { method: "POST", url: membersUrl(), payload: { userId: outsider.userId, role: "viewer" } });
      expect(refused.statusCode).toBe(404);
      expect(await roleOf(outsider.userId)).toBeUndefined();
      expect((await t.call(owner, { method: "POST", url: membersUrl(), payload: { userId: "usr_doesnotexist", role: "viewer" } })).statusCode).toBe(404);
    });

    it("adds, changes and removes a member; each role grants what it should; every change is audited", async () => {
      const projects = `${wsUrl(org, ws.id)}/projects`;
      expect((await t.call(member, { method: "GET", url: wsUrl(org, ws.id) })).statusCode).toBe(404);

      expect((await t.call(owner, { method: "POST", url: membersUrl(), payload: { userId: member.userId, role: "viewer" } })).statusCode).toBe(201);
      const duplicate = await t.call(owner, { method: "POST", url: membersUrl(), payload: { userId: member.userId, role: "developer" } });
      expect(duplicate.statusCode).toBe(409);
      expect(await roleOf(member.userId)).toBe("viewer");
      expect((await t.call(member, { method: "GET", url: wsUrl(org, ws.id) })).statusCode).toBe(200);
      expect((await t.call(member, { method: "POST", url: projects, payload: { name: "by-viewer" } })).statusCode).toBe(403);

      expect((await t.call(owner, { method: "PUT", url: `${membersUrl()}/${member.userId}`, payload: { role: "developer" } })).json()).toEqual({ userId: member.userId, role: "developer" });
      expect((await t.call(member, { method: "POST", url: projects, payload: { name: "by-developer" } })).statusCode).toBe(201);
      expect((await t.call(member, { method: "PUT", url: wsUrl(org, ws.id), headers: { "if-match": '"v1"' }, payload: { description: "x" } })).statusCode).toBe(403);
      expect((await t.call(member, { method: "POST", url: membersUrl(), payload: { userId: owner.userId, role: "viewer" } })).statusCode).toBe(403);

      expect((await t.call(owner, { method: "DELETE", url: `${membersUrl()}/${member.userId}` })).statusCode).toBe(204);
      expect(await roleOf(member.userId)).toBeUndefined();
      expect((await t.call(owner, { method: "DELETE", url: `${membersUrl()}/${member.userId}` })).statusCode).toBe(404);
      expect((await t.call(owner, { method: "PUT", url: `${membersUrl()}/${member.userId}`, payload: { role: "viewer" } })).statusCode).toBe(404);

      const events = await t.database.db
        .select()
        .from(schema.auditEvents)
        .where(and(eq(schema.auditEvents.organizationId, org), eq(schema.auditEvents.targetId, member.userId), like(schema.auditEvents.type, "workspace.%")))
        .orderBy(asc(schema.auditEvents.id));
      expect(events.map((event) => event.type)).toEqual(["workspace.member.added", "workspace.member.role_changed", "workspace.member.removed"]);
      expect(events[1]?.metadata).toMatchObject({ workspaceId: ws.id, before: { role: "viewer" }, after: { role: "developer" } });
    });

    it("lets a workspace_admin manage members, and lets the last workspace_admin go (organization admins still administer it)", async () => {
      const wsAdmin = await t.user("ws-admin");
      await join(org, wsAdmin);
      await t.call(owner, { method: "POST", url: membersUrl(), payload: { userId: wsAdmin.userId, role: "workspace_admin" } });
      expect((await t.call(wsAdmin, { method: "POST", url: membersUrl(), payload: { userId: member.userId, role: "viewer" } })).statusCode).toBe(201);
      expect((await t.call(wsAdmin, { method: "DELETE", url: `${membersUrl()}/${owner.userId}` })).statusCode).toBe(204);
      expect((await t.call(wsAdmin, { method: "DELETE", url: `${membersUrl()}/${wsAdmin.userId}` })).statusCode).toBe(204);
      const left = (await t.call(owner, { method: "GET", url: membersUrl() })).json().items;
      expect(left.map((m: { userId: string; role: string }) => m.role)).toEqual(["viewer"]);
      expect((await t.call(owner, { method: "PUT", url: wsUrl(org, ws.id), headers: { "if-match": '"v1"' }, payload: { description: "still mine" } })).statusCode).toBe(200);
      expect(await auditTypes(org, wsAdmin.userId)).toContain("workspace.member.removed");
    });

    it("paginates members by e-mail (the default order) and filters by role", async () => {
      const others = await Promise.all([t.user("m1"), t.user("m2"), t.user("m3")]);
      for (const user of others) {
        await join(org, user);
        await t.call(owner, { method: "POST", url: membersUrl(), payload: { userId: user.userId, role: "viewer" } });
      }
      const first = (await t.call(owner, { method: "GET", url: `${membersUrl()}?limit=2` })).json();
      const second = (await t.call(owner, { method: "GET", url: `${membersUrl()}?limit=2&cursor=${first.nextCursor}` })).json();
      const emails = [...first.items, ...second.items].map((m: { email: string }) => m.email);
      expect(emails).toEqual([...emails].sort());
      expect(new Set(emails).size).toBe(4);
      expect(second.nextCursor).toBeNull();
      const viewers = (await t.call(owner, { method: "GET", url: `${membersUrl()}?role=viewer` })).json().items;
      expect(viewers.every((m: { role: string }) => m.role === "viewer")).toBe(true);
      expect(viewers.map((m: { userId: string }) => m.userId)).toEqual(expect.arrayContaining(others.map((user) => user.userId)));
    });
  });
});
