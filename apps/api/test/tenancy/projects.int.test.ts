import { schema } from "@hks/db";
import { and, asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTenancyTestbed, type SignedInUser, type TenancyTestbed } from "./tenancy-testbed";

interface Project {
  id: string;
  name: string;
  parentId: string | null;
  version: number;
  quota: Record<string, number>;
  allocated: Record<string, number>;
  free: Record<string, number>;
}

describe("projects: the tree, its quotas and its members", () => {
  let t: TenancyTestbed;
  let owner: SignedInUser;
  let orgId: string;

  beforeAll(async () => {
    t = await startTenancyTestbed();
    owner = await t.user("owner");
    orgId = (await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Project Co" } })).json().id;
  });
  afterAll(async () => t.close());

  /**
   * A fresh workspace with helpers bound to it: on the enterprise plan (room for many workspaces
   * per organization) unless told, in the shared organization unless `inOwnOrganization`.
   */
  async function workspace(payload: Record<string, unknown> = {}, options: { inOwnOrganization?: boolean } = {}) {
    const org = options.inOwnOrganization ? (await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Own" } })).json().id : orgId;
    const created = await t.call(owner, { method: "POST", url: `/api/v1/organizations/${org}/workspaces`, payload: { name: `ws-${Math.random().toString(36).slice(2, 10)}`, planId: "enterprise-shared", ...payload } });
    expect(created.statusCode, created.body).toBe(201);
    const wsId: string = created.json().id;
    const base = `/api/v1/organizations/${org}/workspaces/${wsId}`;
    const projects = `${base}/projects`;
    const create = (body: Record<string, unknown>, as = owner) => t.call(as, { method: "POST", url: projects, payload: body });
    return {
      wsId,
      base,
      projects,
      create,
      async project(name: string, quota: Record<string, number> = {}, parentId: string | null = null): Promise<Project> {
        const response = await create({ name, quota, parentId });
        expect(response.statusCode, response.body).toBe(201);
        return response.json();
      },
      get: async (id: string, as = owner) => t.call(as, { method: "GET", url: `${projects}/${id}` }),
      read: async (id: string): Promise<Project> => (await t.call(owner, { method: "GET", url: `${projects}/${id}` })).json(),
      put: (id: string, version: number, payload: Record<string, unknown>, as = owner) => t.call(as, { method: "PUT", url: `${projects}/${id}`, headers: { "if-match": `"v${version}"` }, payload }),
      move: (id: string, parentId: string | null, as = owner) => t.call(as, { method: "POST", url: `${projects}/${id}/move`, payload: { parentId } }),
      remove: (id: string, cascade?: boolean, as = owner) => t.call(as, { method: "DELETE", url: `${projects}/${id}${cascade === undefined ? "" : `?cascade=${cascade}`}` }),
      rows: () => t.database.db.select().from(schema.projects).where(eq(schema.projects.workspaceId, wsId)).orderBy(asc(schema.projects.name)),
      workspace: async () => (await t.call(owner, { method: "GET", url: base })).json(),
    };
  }

  async function orgMember(name: string): Promise<SignedInUser> {
    const user = await t.user(name);
    const { token } = (await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/invitations`, payload: { email: user.email } })).json();
    expect((await t.call(user, { method: "POST", url: "/api/v1/invitations/accept", payload: { token } })).statusCode).toBe(200);
    return user;
  }

  const cpu = (cpuMillicores: number) => ({ cpuMillicores });

  describe("create", () => {
    it("creates top-level and child projects that report allocated and free headroom, as does the workspace", async () => {
      const w = await workspace({ resources: { cpuMillicores: 4_000, memoryMib: 8_192, storageGib: 100 } });
      const parent = await w.project("parent", { cpuMillicores: 2_000, memoryMib: 4_096, storageGib: 20 });
      expect(parent).toMatchObject({ parentId: null, quota: { cpuMillicores: 2_000, memoryMib: 4_096, storageGib: 20 }, allocated: { cpuMillicores: 0 }, free: { cpuMillicores: 2_000 }, version: 1 });
      expect(parent.id).toMatch(/^prj_/);
      await w.project("child-a", { cpuMillicores: 500, memoryMib: 1_024 }, parent.id);
      await w.project("child-b", { cpuMillicores: 700, storageGib: 5 }, parent.id);
      expect(await w.read(parent.id)).toMatchObject({
        allocated: { cpuMillicores: 1_200, memoryMib: 1_024, storageGib: 5 },
        free: { cpuMillicores: 800, memoryMib: 3_072, storageGib: 15 },
      });
      expect(await w.workspace()).toMatchObject({ allocated: { cpuMillicores: 2_000, memoryMib: 4_096, storageGib: 20 }, free: { cpuMillicores: 2_000, memoryMib: 4_096, storageGib: 80 } });
      const members = (await t.call(owner, { method: "GET", url: `${w.projects}/${parent.id}/members` })).json().items;
      expect(members).toEqual([expect.objectContaining({ userId: owner.userId, role: "project_admin" })]);
      const [event] = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, parent.id), eq(schema.auditEvents.type, "project.created")));
      expect(event?.metadata).toMatchObject({ workspaceId: w.wsId, after: { name: "parent", parentId: null, quota: { cpuMillicores: 2_000 } } });
    });

    it("refuses a duplicate name in the workspace (NAME_TAKEN), a reserved or invalid name (400), and creates nothing", async () => {
      const w = await workspace();
      const parent = await w.project("taken");
      const dup = await w.create({ name: "taken", parentId: parent.id });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe("NAME_TAKEN");
      for (const name of ["kube-system", "default", "Upper", "a_b", "x".repeat(64)]) {
        const response = await w.create({ name });
        expect({ name, status: response.statusCode }).toEqual({ name, status: 400 });
      }
      expect((await w.rows()).map((row) => row.name)).toEqual(["taken"]);
    });

    it("refuses a quota the workspace or the parent has no room for (QUOTA_EXCEEDED), creating nothing", async () => {
      const w = await workspace({ resources: { cpuMillicores: 1_000 } });
      const parent = await w.project("parent", cpu(600));
      const top = await w.create({ name: "too-big-top", quota: cpu(401) });
      expect(top.statusCode).toBe(422);
      expect(top.json().error).toMatchObject({ code: "QUOTA_EXCEEDED", details: [{ field: "body.quota.cpuMillicores", message: "401 wanted, free: 400" }] });
      await w.project("child", cpu(600), parent.id);
      const child = await w.create({ name: "too-big-child", parentId: parent.id, quota: cpu(1) });
      expect(child.json().error.code).toBe("QUOTA_EXCEEDED");
      expect((await w.rows()).map((row) => row.name)).toEqual(["child", "parent"]);
    });

    it("does not find a parent of another workspace or one that does not exist", async () => {
      const w = await workspace();
      const other = await workspace();
      const foreign = await other.project("foreign");
      expect((await w.create({ name: "x", parentId: foreign.id })).statusCode).toBe(404);
      expect((await w.create({ name: "x", parentId: "prj_00000000000000000000000000" })).statusCode).toBe(404);
      expect(await w.rows()).toEqual([]);
    });

    it("nests at most 10 deep (DEPTH_LIMIT)", async () => {
      const w = await workspace();
      let parentId: string | null = null;
      for (let depth = 1; depth <= 10; depth++) parentId = (await w.project(`level-${depth}`, {}, parentId)).id;
      const tooDeep = await w.create({ name: "level-11", parentId });
      expect(tooDeep.statusCode).toBe(422);
      expect(tooDeep.json().error.code).toBe("DEPTH_LIMIT");
      expect(await w.rows()).toHaveLength(10);
    });

    it("allows as many projects as the workspace's plan does (PLAN_LIMIT)", async () => {
      const w = await workspace({ planId: "starter-shared" }, { inOwnOrganization: true });
      const parent = await w.project("p0");
      for (let i = 1; i < 10; i++) await w.project(`p${i}`, {}, i % 2 ? parent.id : null);
      const eleventh = await w.create({ name: "p10" });
      expect(eleventh.statusCode).toBe(422);
      expect(eleventh.json().error.code).toBe("PLAN_LIMIT");
      expect(await w.rows()).toHaveLength(10);
    });
  });

  describe("update", () => {
    it("renames and requotas with If-Match; 428 without it, 412 when stale", async () => {
      const w = await workspace();
      const p = await w.project("before", cpu(100));
      expect((await t.call(owner, { method: "PUT", url: `${w.projects}/${p.id}`, payload: { name: "after" } })).statusCode).toBe(428);
      const ok = await w.put(p.id, 1, { name: "after", description: "renamed", quota: { memoryMib: 512 } });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers.etag).toBe('"v2"');
      expect(ok.json()).toMatchObject({ name: "after", description: "renamed", quota: { cpuMillicores: 100, memoryMib: 512 }, version: 2 });
      const stale = await w.put(p.id, 1, { name: "lost" });
      expect(stale.statusCode).toBe(412);
      expect((await w.read(p.id)).name).toBe("after");
      const [event] = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, p.id), eq(schema.auditEvents.type, "project.updated")));
      expect(event?.metadata).toMatchObject({ before: { name: "before", quota: { memoryMib: 0 } }, after: { name: "after", quota: { memoryMib: 512 } } });
    });

    it("refuses growing past the parent's free headroom or shrinking below the children's sum (QUOTA_EXCEEDED), changing nothing", async () => {
      const w = await workspace();
      const parent = await w.project("parent", cpu(1_000));
      const a = await w.project("a", cpu(400), parent.id);
      await w.project("b", cpu(300), parent.id);
      const grow = await w.put(a.id, 1, { quota: cpu(701) });
      expect(grow.statusCode).toBe(422);
      expect(grow.json().error.code).toBe("QUOTA_EXCEEDED");
      expect((await w.put(a.id, 1, { quota: cpu(700) })).statusCode).toBe(200);
      const shrink = await w.put(parent.id, 1, { quota: cpu(999) });
      expect(shrink.statusCode).toBe(422);
      expect(shrink.json().error).toMatchObject({ code: "QUOTA_EXCEEDED", details: [{ field: "body.quota.cpuMillicores" }] });
      expect(await w.read(parent.id)).toMatchObject({ quota: { cpuMillicores: 1_000 }, allocated: { cpuMillicores: 1_000 }, free: { cpuMillicores: 0 }, version: 1 });
      expect((await w.put(parent.id, 1, { description: "rename only is fine" })).statusCode).toBe(200);
    });

    it("refuses a rename onto a sibling's name (NAME_TAKEN)", async () => {
      const w = await workspace();
      await w.project("one");
      const two = await w.project("two");
      expect((await w.put(two.id, 1, { name: "one" })).json().error.code).toBe("NAME_TAKEN");
      expect((await w.read(two.id)).name).toBe("two");
    });
  });

  describe("move", () => {
    it("moves a subtree under another parent and to the top, re-checking quota at the destination", async () => {
      const w = await workspace({ resources: { cpuMillicores: 10_000 } });
      const a = await w.project("a", cpu(3_000));
      const b = await w.project("b", cpu(2_000));
      const a1 = await w.project("a1", cpu(1_000), a.id);
      await w.project("a1x", cpu(500), a1.id);

      const moved = await w.move(a1.id, b.id);
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ parentId: b.id, allocated: { cpuMillicores: 500 }, version: 2 });
      expect((await w.read(a.id)).allocated.cpuMillicores).toBe(0);
      expect((await w.read(b.id)).allocated.cpuMillicores).toBe(1_000);

      const top = await w.move(a1.id, null);
      expect(top.json()).toMatchObject({ parentId: null });
      expect((await w.workspace()).allocated.cpuMillicores).toBe(6_000);
      expect((await w.move(a1.id, null)).json().version).toBe(3);
      const stale = await t.call(owner, { method: "POST", url: `${w.projects}/${a1.id}/move`, headers: { "if-match": '"v2"' }, payload: { parentId: b.id } });
      expect(stale.statusCode).toBe(412);
      expect((await w.read(a1.id)).parentId).toBeNull();

      const events = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, a1.id), eq(schema.auditEvents.type, "project.moved"))).orderBy(asc(schema.auditEvents.id));
      expect(events.map((event) => event.metadata)).toEqual([
        expect.objectContaining({ before: { parentId: a.id }, after: { parentId: b.id } }),
        expect.objectContaining({ before: { parentId: b.id }, after: { parentId: null } }),
      ]);
    });

    it("refuses a move under itself or its own descendant (CYCLE), changing nothing", async () => {
      const w = await workspace();
      const a = await w.project("a");
      const b = await w.project("b", {}, a.id);
      const c = await w.project("c", {}, b.id);
      for (const target of [a.id, c.id, b.id]) {
        const response = await w.move(a.id, target);
        expect({ target, status: response.statusCode, code: response.json().error.code }).toEqual({ target, status: 409, code: "CYCLE" });
      }
      expect((await w.rows()).map((row) => [row.name, row.parentId, row.version])).toEqual([
        ["a", null, 1],
        ["b", a.id, 1],
        ["c", b.id, 1],
      ]);
    });

    it("refuses a destination without room (QUOTA_EXCEEDED) or too deep for the subtree (DEPTH_LIMIT)", async () => {
      const w = await workspace();
      const small = await w.project("small", cpu(100));
      const big = await w.project("big", cpu(500));
      const quota = await w.move(big.id, small.id);
      expect(quota.statusCode).toBe(422);
      expect(quota.json().error).toMatchObject({ code: "QUOTA_EXCEEDED", details: [{ field: "body.parentId.cpuMillicores" }] });

      let deepest: string | null = null;
      for (let depth = 1; depth <= 8; depth++) deepest = (await w.project(`chain-${depth}`, {}, deepest)).id;
      const pair = await w.project("pair");
      await w.project("pair-child", {}, pair.id);
      await w.project("pair-grandchild", {}, (await w.rows()).find((row) => row.name === "pair-child")?.id ?? null);
      const deep = await w.move(pair.id, deepest);
      expect(deep.statusCode).toBe(422);
      expect(deep.json().error.code).toBe("DEPTH_LIMIT");
      expect((await w.read(pair.id)).parentId).toBeNull();
      expect((await w.read(big.id)).parentId).toBeNull();
    });

    it("does not find a destination in another workspace", async () => {
      const w = await workspace();
      const other = await workspace();
      const p = await w.project("p");
      const foreign = await other.project("foreign");
      expect((await w.move(p.id, foreign.id)).statusCode).toBe(404);
      expect((await w.read(p.id)).parentId).toBeNull();
    });
  });

  describe("delete", () => {
    it("refuses a project with children (NOT_EMPTY) unless cascade=true, which deletes and audits the whole subtree", async () => {
      const w = await workspace();
      const root = await w.project("root", cpu(300));
      const mid = await w.project("mid", cpu(200), root.id);
      const leaf = await w.project("leaf", cpu(100), mid.id);
      const keep = await w.project("keep");

      const refused = await w.remove(root.id);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: "NOT_EMPTY", details: [{ field: "query.cascade", message: "2 sub-project(s) would be deleted with cascade=true" }] });
      expect((await w.remove(root.id, false)).statusCode).toBe(409);
      expect(await w.rows()).toHaveLength(4);

      expect((await w.remove(root.id, true)).statusCode).toBe(204);
      expect((await w.rows()).map((row) => row.id)).toEqual([keep.id]);
      const events = await t.database.db
        .select()
        .from(schema.auditEvents)
        .where(and(eq(schema.auditEvents.organizationId, orgId), eq(schema.auditEvents.type, "project.deleted")))
        .orderBy(asc(schema.auditEvents.id));
      const mine = events.filter((event) => [root.id, mid.id, leaf.id].includes(event.targetId ?? ""));
      expect(mine.map((event) => event.targetId)).toEqual([leaf.id, mid.id, root.id]);
      expect(mine[0]?.metadata).toMatchObject({ cascadeFrom: root.id, before: { name: "leaf", parentId: mid.id } });
      expect(mine[2]?.metadata).not.toHaveProperty("cascadeFrom");
      expect((await w.get(root.id)).statusCode).toBe(404);
    });

    it("deletes a leaf and gives its quota back to the parent", async () => {
      const w = await workspace();
      const parent = await w.project("parent", cpu(500));
      const leaf = await w.project("leaf", cpu(200), parent.id);
      expect((await w.remove(leaf.id)).statusCode).toBe(204);
      expect((await w.read(parent.id)).free.cpuMillicores).toBe(500);
    });
  });

  describe("list", () => {
    it("paginates by name and newest first, and filters by parent and name", async () => {
      const w = await workspace();
      const parent = await w.project("parent");
      const names = ["delta", "alpha", "charlie", "bravo", "echo"];
      for (const name of names) await w.project(name, {}, name === "alpha" || name === "echo" ? null : parent.id);
      const walk = async (query: string) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const url: string = `${w.projects}?limit=2&${query}${cursor ? `&cursor=${cursor}` : ""}`;
          const page = (await t.call(owner, { method: "GET", url })).json();
          seen.push(...page.items.map((p: Project) => p.name));
          cursor = page.nextCursor;
        } while (cursor);
        return seen;
      };
      expect(await walk("sort=name")).toEqual(["alpha", "bravo", "charlie", "delta", "echo", "parent"]);
      expect(await walk("sort=-createdAt")).toEqual(["echo", "bravo", "charlie", "alpha", "delta", "parent"]);
      expect(await walk(`parentId=${parent.id}`)).toEqual(["bravo", "charlie", "delta"]);
      expect(await walk("parentId=root")).toEqual(["alpha", "echo", "parent"]);
      expect(await walk("q=HA")).toEqual(["alpha", "charlie"]);
      const listed = (await t.call(owner, { method: "GET", url: `${w.projects}?parentId=root&q=parent` })).json().items[0];
      expect(listed.allocated).toEqual({ cpuMillicores: 0, memoryMib: 0, storageGib: 0 });
    });
  });

  describe("members and inherited roles", () => {
    it("gives project roles only to organization members, and audits each change", async () => {
      const w = await workspace();
      const p = await w.project("p");
      const members = `${w.projects}/${p.id}/members`;
      const outsider = await t.user("outsider");
      expect((await t.call(owner, { method: "POST", url: members, payload: { userId: outsider.userId, role: "viewer" } })).statusCode).toBe(404);
      const dev = await orgMember("dev");
      expect((await t.call(owner, { method: "POST", url: members, payload: { userId: dev.userId, role: "viewer" } })).statusCode).toBe(201);
      expect((await t.call(owner, { method: "POST", url: members, payload: { userId: dev.userId, role: "viewer" } })).statusCode).toBe(409);
      expect((await t.call(owner, { method: "PUT", url: `${members}/${dev.userId}`, payload: { role: "developer" } })).json().role).toBe("developer");
      expect((await t.call(owner, { method: "GET", url: members })).json().items.map((m: { role: string }) => m.role).sort()).toEqual(["developer", "project_admin"]);
      expect((await t.call(owner, { method: "DELETE", url: `${members}/${dev.userId}` })).statusCode).toBe(204);
      expect((await t.call(owner, { method: "DELETE", url: `${members}/${dev.userId}` })).statusCode).toBe(404);
      expect((await w.get(p.id, dev)).statusCode).toBe(404);
      const events = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, dev.userId), like(schema.auditEvents.type, "project.member.%"))).orderBy(asc(schema.auditEvents.id));
      expect(events.map((event) => event.type)).toEqual(["project.member.added", "project.member.role_changed", "project.member.removed"]);
      expect(events[1]?.metadata).toMatchObject({ projectId: p.id, before: { role: "viewer" }, after: { role: "developer" } });
    });

    it("lets a project_admin of a parent administer its children, and hides siblings from a child's developer", async () => {
      const w = await workspace();
      const parent = await w.project("parent", cpu(1_000));
      const child = await w.project("child", cpu(300), parent.id);
      const grandchild = await w.project("grandchild", cpu(100), child.id);
      const sibling = await w.project("sibling", cpu(100), parent.id);
      const unrelated = await w.project("unrelated");

      const lead = await orgMember("lead");
      const dev = await orgMember("child-dev");
      await t.call(owner, { method: "POST", url: `${w.projects}/${parent.id}/members`, payload: { userId: lead.userId, role: "project_admin" } });
      await t.call(owner, { method: "POST", url: `${w.projects}/${child.id}/members`, payload: { userId: dev.userId, role: "developer" } });

      // Inherited down the tree: the parent's project_admin updates, manages and deletes below it.
      expect((await w.put(child.id, 1, { description: "by the parent's admin" }, lead)).statusCode).toBe(200);
      expect((await w.put(grandchild.id, 1, { quota: cpu(50) }, lead)).statusCode).toBe(200);
      expect((await t.call(lead, { method: "POST", url: `${w.projects}/${grandchild.id}/members`, payload: { userId: dev.userId, role: "project_admin" } })).statusCode).toBe(201);
      expect((await w.get(unrelated.id, lead)).statusCode).toBe(404);
      expect((await w.put(unrelated.id, 1, { description: "no" }, lead)).statusCode).toBe(404);

      // A developer of the child sees it and below, not its sibling, and cannot change it.
      expect((await w.get(child.id, dev)).statusCode).toBe(200);
      expect((await w.get(sibling.id, dev)).statusCode).toBe(404);
      expect((await w.get(parent.id, dev)).statusCode).toBe(404);
      expect((await w.put(child.id, 2, { description: "no" }, dev)).statusCode).toBe(403);
      expect((await w.remove(child.id, true, dev)).statusCode).toBe(403);
      const visible = (await t.call(dev, { method: "GET", url: w.projects })).json().items.map((p: Project) => p.name);
      expect(visible).toEqual(["child", "grandchild"]);
      expect((await t.call(dev, { method: "GET", url: w.base })).statusCode).toBe(200);

      // Project roles stop at the workspace: creating a top-level project needs a workspace role.
      expect((await w.create({ name: "top-by-lead" }, lead)).statusCode).toBe(403);
      // …but a project_admin grows their own subtree through the project-scoped route.
      const grown = await t.call(lead, { method: "POST", url: `${w.projects}/${child.id}/children`, payload: { name: "grown-by-lead", quota: cpu(10) } });
      expect(grown.statusCode).toBe(201);
      expect(grown.json()).toMatchObject({ parentId: child.id });
      expect((await t.call(dev, { method: "POST", url: `${w.projects}/${child.id}/children`, payload: { name: "not-by-dev" } })).statusCode).toBe(403);
      expect((await t.call(lead, { method: "POST", url: `${w.projects}/${unrelated.id}/children`, payload: { name: "not-there" } })).statusCode).toBe(404);
      // …and moving into a subtree needs project:create at the destination.
      expect((await w.move(sibling.id, child.id, lead)).statusCode).toBe(200);
      expect((await w.move(sibling.id, null, lead)).statusCode).toBe(403);
      expect((await w.read(sibling.id)).parentId).toBe(child.id);

      // A workspace viewer reads every project but changes none.
      const viewer = await orgMember("ws-viewer");
      await t.call(owner, { method: "POST", url: `${w.base}/members`, payload: { userId: viewer.userId, role: "viewer" } });
      expect((await t.call(viewer, { method: "GET", url: w.projects })).json().items).toHaveLength(6);
      expect((await w.put(unrelated.id, 1, { description: "no" }, viewer)).statusCode).toBe(403);
    });

    it("lets a workspace developer create children anywhere in the workspace, becoming their project_admin", async () => {
      const w = await workspace();
      const parent = await w.project("parent", cpu(100));
      const dev = await orgMember("ws-dev");
      await t.call(owner, { method: "POST", url: `${w.base}/members`, payload: { userId: dev.userId, role: "developer" } });
      const created = await w.create({ name: "dev-child", parentId: parent.id, quota: cpu(100) }, dev);
      expect(created.statusCode).toBe(201);
      expect((await w.put(created.json().id, 1, { description: "mine" }, dev)).statusCode).toBe(200);
      expect((await w.put(parent.id, 1, { description: "not mine" }, dev)).statusCode).toBe(403);
    });
  });
});
