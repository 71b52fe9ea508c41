import { schema } from "@hks/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenancyFixtures } from "./tenancy-fixtures";
import { startTenancyTestbed, type SignedInUser, type TenancyTestbed } from "./tenancy-testbed";

type Role = { id: string; name: string; description: string; scope: string; preset: boolean; version: number; rules: unknown[] };

describe("roles, bindings and permission questions", () => {
  let t: TenancyTestbed;
  let fixtures: ReturnType<typeof tenancyFixtures>;
  let owner: SignedInUser;
  let orgId: string;
  let wsId: string;
  let otherWsId: string;
  let base: string;
  const presets: Record<string, Role> = {};

  const call = (options: Parameters<TenancyTestbed["call"]>[1], as: SignedInUser = owner) => t.call(as, options);
  const bind = (payload: Record<string, unknown>, as: SignedInUser = owner) => call({ method: "POST", url: `${base}/rbac/bindings`, payload }, as);
  const bindOk = async (payload: Record<string, unknown>): Promise<string> => {
    const response = await bind(payload);
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  };
  const createRole = (payload: Record<string, unknown>) => call({ method: "POST", url: `${base}/rbac/roles`, payload });
  const bindingCount = async () => (await t.database.db.select({ id: schema.roleBindings.id }).from(schema.roleBindings).where(eq(schema.roleBindings.workspaceId, wsId))).length;
  const group = async (name: string, parentId: string | null = null): Promise<string> => {
    const response = await call({ method: "POST", url: `${base}/groups`, payload: { name, parentId } });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  };
  const addToGroup = async (groupId: string, userId: string) => {
    expect((await call({ method: "POST", url: `${base}/groups/${groupId}/members`, payload: { userId } })).statusCode).toBe(201);
  };
  const member = async (name: string): Promise<SignedInUser> => {
    const user = await t.user(name);
    await fixtures.join(owner, orgId, user);
    return user;
  };

  beforeAll(async () => {
    t = await startTenancyTestbed();
    fixtures = tenancyFixtures(t);
    owner = await t.user("owner");
    orgId = await fixtures.organization(owner);
    wsId = await fixtures.workspace(owner, orgId, "main");
    otherWsId = await fixtures.workspace(owner, orgId, "other");
    base = `/api/v1/organizations/${orgId}/workspaces/${wsId}`;
    const roles = (await call({ method: "GET", url: `${base}/rbac/roles` })).json().items as Role[];
    for (const role of roles) presets[role.name] = role;
  });
  afterAll(async () => t.close());

  describe("roles", () => {
    it("lists the presets every workspace starts with", async () => {
      expect(Object.values(presets).map((role) => [role.name, role.scope, role.preset])).toEqual([
        ["admin", "project", true],
        ["cluster-admin", "workspace", true],
        ["edit", "project", true],
        ["view", "project", true],
      ]);
      const onlyWorkspace = (await call({ method: "GET", url: `${base}/rbac/roles?scope=workspace` })).json().items;
      expect(onlyWorkspace.map((role: Role) => role.name)).toEqual(["cluster-admin"]);
    });

    it("keeps presets read-only: no update, no delete, nothing changes", async () => {
      const view = presets.view as Role;
      const update = await call({ method: "PUT", url: `${base}/rbac/roles/${view.id}`, headers: { "if-match": '"v1"' }, payload: { description: "mine now" } });
      expect(update.statusCode).toBe(409);
      expect(update.json().error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("preset role") });
      expect((await call({ method: "DELETE", url: `${base}/rbac/roles/${view.id}` })).json().error.code).toBe("CONFLICT");
      expect((await call({ method: "GET", url: `${base}/rbac/roles/${view.id}` })).json()).toEqual(view);
    });

    it("creates custom roles; a taken name (preset or custom) is NAME_TAKEN", async () => {
      const rules = [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"], resourceNames: ["app-config"] }];
      const created = await createRole({ name: "config-reader", scope: "project", rules });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ name: "config-reader", preset: false, rules, version: 1 });
      expect(created.headers.etag).toBe('"v1"');
      for (const name of ["config-reader", "view"]) {
        const again = await createRole({ name, scope: "project", rules });
        expect(again.statusCode).toBe(409);
        expect(again.json().error.code).toBe("NAME_TAKEN");
      }
      const events = await t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, created.json().id));
      expect(events.map((event) => event.type)).toEqual(["role.created"]);
    });

    it.each<[string, unknown, string]>([
      ["an empty verb list", [{ apiGroups: [""], resources: ["pods"], verbs: [] }], "body.rules.0.verbs"],
      ["an unknown verb", [{ apiGroups: [""], resources: ["pods"], verbs: ["read"] }], "body.rules.0.verbs.0"],
      ["an empty resource list", [{ apiGroups: [""], resources: [], verbs: ["get"] }], "body.rules.0.resources"],
      ["a resource that is not a name", [{ apiGroups: [""], resources: ["Pods!"], verbs: ["get"] }], "body.rules.0.resources.0"],
      ["pods/* (matches nothing in Kubernetes)", [{ apiGroups: [""], resources: ["pods/*"], verbs: ["get"] }], "body.rules.0.resources.0"],
      ["an API group that is not DNS-like", [{ apiGroups: ["Apps_v1"], resources: ["pods"], verbs: ["get"] }], "body.rules.0.apiGroups.0"],
      ["an empty resourceNames list", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"], resourceNames: [] }], "body.rules.0.resourceNames"],
      ["a wildcard resource name", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"], resourceNames: ["web-*"] }], "body.rules.0.resourceNames.0"],
      ["no rules", [], "body.rules"],
      ["an unknown rule field", [{ apiGroups: [""], resources: ["pods"], verbs: ["get"], nonResourceURLs: ["/healthz"] }], "body.rules.0"],
    ])("refuses a rule with %s, naming the field", async (_name, rules, field) => {
      const response = await createRole({ name: "invalid-role", scope: "workspace", rules });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe("VALIDATION_FAILED");
      expect(response.json().error.details.map((detail: { field: string }) => detail.field)).toContain(field);
      expect((await call({ method: "GET", url: `${base}/rbac/roles?q=invalid-role` })).json().items).toEqual([]);
    });

    it("accepts the core group, wildcards, subresources and */subresource", async () => {
      const rules = [
        { apiGroups: ["", "apps", "networking.k8s.io"], resources: ["pods", "pods/log", "*/scale"], verbs: ["get", "list"] },
        { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
      ];
      expect((await createRole({ name: "broad", scope: "workspace", rules })).statusCode).toBe(201);
    });

    it("updates a custom role with If-Match; a stale ETag or a taken name changes nothing", async () => {
      const role = (await createRole({ name: "tunable", scope: "workspace", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] })).json() as Role;
      const url = `${base}/rbac/roles/${role.id}`;
      const newRules = [{ apiGroups: [""], resources: ["pods", "services"], verbs: ["get", "list"] }];
      const ok = await call({ method: "PUT", url, headers: { "if-match": '"v1"' }, payload: { rules: newRules } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ rules: newRules, version: 2 });
      expect((await call({ method: "PUT", url, headers: { "if-match": '"v1"' }, payload: { description: "late" } })).json().error.code).toBe("PRECONDITION_FAILED");
      expect((await call({ method: "PUT", url, payload: { description: "no etag" } })).json().error.code).toBe("PRECONDITION_REQUIRED");
      expect((await call({ method: "PUT", url, headers: { "if-match": '"v2"' }, payload: { name: "view" } })).json().error.code).toBe("NAME_TAKEN");
      expect((await call({ method: "PUT", url, headers: { "if-match": '"v2"' }, payload: { scope: "project" } })).json().error.code).toBe("VALIDATION_FAILED");
      expect((await call({ method: "GET", url })).json()).toMatchObject({ name: "tunable", scope: "workspace", description: "", rules: newRules, version: 2 });
      const [event] = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, role.id), eq(schema.auditEvents.type, "role.updated")));
      expect(event?.metadata).toMatchObject({ before: { rules: [{ resources: ["pods"] }] }, after: { rules: newRules } });
    });

    it("deletes a custom role together with its bindings", async () => {
      const role = (await createRole({ name: "short-lived", scope: "workspace", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] })).json() as Role;
      const bindingId = await bindOk({ roleId: role.id, subject: { kind: "user", id: owner.userId } });
      expect((await call({ method: "DELETE", url: `${base}/rbac/roles/${role.id}` })).statusCode).toBe(204);
      expect(await t.database.db.select().from(schema.roleBindings).where(eq(schema.roleBindings.id, bindingId))).toEqual([]);
      const [event] = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, role.id), eq(schema.auditEvents.type, "role.deleted")));
      expect(event?.metadata).toMatchObject({ removedBindingIds: [bindingId] });
    });
  });

  describe("bindings", () => {
    it("binds workspace-wide and on a project; lists and deletes them, audited", async () => {
      const projectId = await fixtures.project(owner, orgId, wsId, "bind-here");
      const user = await member("bound-user");
      const wide = await bindOk({ roleId: presets["cluster-admin"]?.id, subject: { kind: "user", id: user.userId } });
      // A workspace-scoped role on a project: a RoleBinding to a ClusterRole.
      const onProject = await bindOk({ roleId: presets["cluster-admin"]?.id, subject: { kind: "user", id: user.userId }, projectId });
      const view = await bindOk({ roleId: presets.view?.id, subject: { kind: "user", id: user.userId }, projectId });

      const mine = (await call({ method: "GET", url: `${base}/rbac/bindings?subjectKind=user&subjectId=${user.userId}` })).json();
      expect(mine.items.map((binding: { id: string }) => binding.id)).toEqual([wide, onProject, view]);
      expect(mine.items[2]).toMatchObject({ projectId, role: { name: "view", scope: "project" }, subject: { kind: "user", id: user.userId } });
      const workspaceWide = (await call({ method: "GET", url: `${base}/rbac/bindings?projectId=workspace&subjectId=${user.userId}` })).json();
      expect(workspaceWide.items.map((binding: { id: string }) => binding.id)).toEqual([wide]);
      const paged = (await call({ method: "GET", url: `${base}/rbac/bindings?subjectId=${user.userId}&limit=2` })).json();
      const rest = (await call({ method: "GET", url: `${base}/rbac/bindings?subjectId=${user.userId}&limit=2&cursor=${paged.nextCursor}` })).json();
      expect([...paged.items, ...rest.items].map((binding: { id: string }) => binding.id)).toEqual([wide, onProject, view]);

      expect((await call({ method: "DELETE", url: `${base}/rbac/bindings/${view}` })).statusCode).toBe(204);
      expect((await call({ method: "DELETE", url: `${base}/rbac/bindings/${view}` })).statusCode).toBe(404);
      const types = (await t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, view))).map((event) => event.type);
      expect(types.sort()).toEqual(["role_binding.created", "role_binding.deleted"]);
    });

    it("refuses a project-scoped role bound workspace-wide, naming the field", async () => {
      const before = await bindingCount();
      const response = await bind({ roleId: presets.view?.id, subject: { kind: "user", id: owner.userId } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: "VALIDATION_FAILED", details: [{ field: "body.projectId" }] });
      expect(await bindingCount()).toBe(before);
    });

    it("refuses a duplicate binding with CONFLICT", async () => {
      const user = await member("duplicate");
      const payload = { roleId: presets["cluster-admin"]?.id, subject: { kind: "user", id: user.userId } };
      await bindOk(payload);
      const before = await bindingCount();
      const again = await bind(payload);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("CONFLICT");
      expect(await bindingCount()).toBe(before);
    });

    it("treats subjects, roles, projects and bindings from elsewhere as not found, and changes nothing", async () => {
      const stranger = await t.user("stranger");
      const otherBase = `/api/v1/organizations/${orgId}/workspaces/${otherWsId}`;
      const foreignGroup = (await call({ method: "POST", url: `${otherBase}/groups`, payload: { name: "foreign" } })).json().id;
      const foreignRole = (await call({ method: "GET", url: `${otherBase}/rbac/roles?q=cluster-admin` })).json().items[0].id;
      const foreignProject = await fixtures.project(owner, orgId, otherWsId, "foreign-project");
      const foreignBinding = (await call({ method: "POST", url: `${otherBase}/rbac/bindings`, payload: { roleId: foreignRole, subject: { kind: "user", id: owner.userId } } })).json().id;
      const admin = presets["cluster-admin"]?.id;
      const before = await bindingCount();

      const attempts: [string, Record<string, unknown>, string | undefined][] = [
        ["a user outside the organization", { roleId: admin, subject: { kind: "user", id: stranger.userId } }, "body.subject.id"],
        ["a group of another workspace", { roleId: admin, subject: { kind: "group", id: foreignGroup } }, "body.subject.id"],
        ["a role of another workspace", { roleId: foreignRole, subject: { kind: "user", id: owner.userId } }, "body.roleId"],
        ["a project of another workspace", { roleId: admin, subject: { kind: "user", id: owner.userId }, projectId: foreignProject }, undefined],
      ];
      for (const [what, payload, field] of attempts) {
        const response = await bind(payload);
        expect({ what, status: response.statusCode }).toEqual({ what, status: 404 });
        if (field) expect(response.json().error.details[0].field).toBe(field);
      }
      expect(await bindingCount()).toBe(before);
      expect((await call({ method: "DELETE", url: `${base}/rbac/bindings/${foreignBinding}` })).statusCode).toBe(404);
      expect((await call({ method: "GET", url: `${base}/rbac/roles/${foreignRole}` })).statusCode).toBe(404);
      expect((await call({ method: "PUT", url: `${base}/rbac/roles/${foreignRole}`, headers: { "if-match": '"v1"' }, payload: { description: "x" } })).statusCode).toBe(404);
      expect((await call({ method: "DELETE", url: `${base}/rbac/roles/${foreignRole}` })).statusCode).toBe(404);
      expect(await t.database.db.select().from(schema.roleBindings).where(eq(schema.roleBindings.id, foreignBinding))).toHaveLength(1);
    });

    it("drops a member's bindings when they leave the organization", async () => {
      const leaver = await member("leaver");
      const bindingId = await bindOk({ roleId: presets["cluster-admin"]?.id, subject: { kind: "user", id: leaver.userId } });
      expect((await call({ method: "POST", url: `/api/v1/organizations/${orgId}/leave` }, leaver)).statusCode).toBe(204);
      expect(await t.database.db.select().from(schema.roleBindings).where(eq(schema.roleBindings.id, bindingId))).toEqual([]);
    });

    it("lets a workspace viewer read bindings and ask questions but not bind; hides everything from outsiders", async () => {
      const viewer = await member("viewer");
      await fixtures.workspaceMember(owner, orgId, wsId, viewer.userId, "viewer");
      const outsider = await t.user("outsider");
      await fixtures.organization(outsider, "Elsewhere");
      expect((await call({ method: "GET", url: `${base}/rbac/bindings` }, viewer)).statusCode).toBe(200);
      expect((await call({ method: "GET", url: `${base}/rbac/can-i?verb=get&resource=pods` }, viewer)).statusCode).toBe(200);
      expect((await bind({ roleId: presets["cluster-admin"]?.id, subject: { kind: "user", id: viewer.userId } }, viewer)).statusCode).toBe(403);
      expect((await call({ method: "POST", url: `${base}/rbac/roles`, payload: { name: "by-viewer", scope: "workspace", rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] } }, viewer)).statusCode).toBe(403);
      for (const url of [`${base}/rbac/roles`, `${base}/rbac/bindings`, `${base}/rbac/who-can?verb=get&resource=pods`]) {
        expect((await call({ method: "GET", url }, outsider)).statusCode).toBe(404);
      }
    });
  });

  describe("permission questions", () => {
    // groups  eng ─ platform ─ sre          projects  shop ─ shop-api ─ canary   blog
    // alice ∈ sre, carol ∈ eng; dave has a direct workspace-wide grant; erin has nothing.
    let ids: Record<string, string>;
    let users: Record<string, SignedInUser>;

    beforeAll(async () => {
      const eng = await group("q-eng");
      const platform = await group("q-platform", eng);
      const sre = await group("q-sre", platform);
      const shop = await fixtures.project(owner, orgId, wsId, "shop");
      const shopApi = await fixtures.project(owner, orgId, wsId, "shop-api", shop);
      const canary = await fixtures.project(owner, orgId, wsId, "canary", shopApi);
      const blog = await fixtures.project(owner, orgId, wsId, "blog");
      users = { alice: await member("alice"), carol: await member("carol"), dave: await member("dave"), erin: await member("erin") };
      await addToGroup(sre, users.alice?.userId ?? "");
      await addToGroup(eng, users.carol?.userId ?? "");
      const secretReader = (await createRole({ name: "db-secret-reader", scope: "workspace", rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["db"] }] })).json().id;
      ids = {
        eng,
        platform,
        sre,
        shop,
        shopApi,
        canary,
        blog,
        viewEngShop: await bindOk({ roleId: presets.view?.id, subject: { kind: "group", id: eng }, projectId: shop }),
        editSreShopApi: await bindOk({ roleId: presets.edit?.id, subject: { kind: "group", id: sre }, projectId: shopApi }),
        secretPlatform: await bindOk({ roleId: secretReader, subject: { kind: "group", id: platform } }),
        adminDave: await bindOk({ roleId: presets["cluster-admin"]?.id, subject: { kind: "user", id: users.dave?.userId } }),
      };
    });

    const canI = async (query: string) => (await call({ method: "GET", url: `${base}/rbac/can-i?${query}` })).json();
    const matched = (answer: { matched: { bindingId: string }[] }) => answer.matched.map((source) => source.bindingId).sort();

    it("answers what a user can do at a project: direct and group bindings, propagated down projects", async () => {
      const alice = users.alice?.userId;
      const answer = (await call({ method: "GET", url: `${base}/rbac/subjects/user/${alice}/permissions?projectId=${ids.canary}` })).json();
      expect(answer.groups).toEqual([ids.eng, ids.platform, ids.sre].sort());
      expect(answer.projectId).toBe(ids.canary);
      const sources = answer.rules.map((rule: { source: { bindingId: string; roleName: string } }) => `${rule.source.roleName}`);
      expect(sources).toEqual(["view", "edit", "db-secret-reader"]);
      expect(answer.rules[1]).toMatchObject({ verbs: expect.arrayContaining(["create"]), source: { bindingId: ids.editSreShopApi, projectId: ids.shopApi, subject: { kind: "group", id: ids.sre } } });
      const atWorkspace = (await call({ method: "GET", url: `${base}/rbac/subjects/user/${alice}/permissions` })).json();
      expect(atWorkspace.rules.map((rule: { source: { bindingId: string } }) => rule.source.bindingId)).toEqual([ids.secretPlatform]);
    });

    it("answers for a group: itself and its ancestors", async () => {
      const answer = (await call({ method: "GET", url: `${base}/rbac/subjects/group/${ids.platform}/permissions?projectId=${ids.shopApi}` })).json();
      expect(answer.groups).toEqual([ids.platform, ids.eng]);
      expect(answer.rules.map((rule: { source: { bindingId: string } }) => rule.source.bindingId).sort()).toEqual([ids.viewEngShop, ids.secretPlatform].sort());
    });

    it.each<[string, string, () => string[]]>([
      ["inherited group grant on a grandchild project", "user:alice&verb=list&resource=pods&projectId=canary", () => [ids.editSreShopApi ?? "", ids.viewEngShop ?? ""].sort()],
      ["a child project's grant does not reach its parent", "user:alice&verb=create&resource=deployments&apiGroup=apps&projectId=shop", () => []],
      ["membership inherits up, not down", "user:carol&verb=create&resource=deployments&apiGroup=apps&projectId=shopApi", () => []],
      ["resourceNames: the named secret", "user:alice&verb=get&resource=secrets&name=db", () => [ids.secretPlatform ?? ""]],
      ["resourceNames: another secret", "user:alice&verb=get&resource=secrets&name=other", () => []],
      ["a subresource granted by name (view and edit list pods/log)", "user:alice&verb=get&resource=pods/log&projectId=shopApi", () => [ids.editSreShopApi ?? "", ids.viewEngShop ?? ""].sort()],
      ["view has no pods/exec", "user:carol&verb=create&resource=pods/exec&projectId=shop", () => []],
      ["a workspace-wide grant applies on every project", "user:dave&verb=delete&resource=secrets&projectId=blog", () => [ids.adminDave ?? ""]],
      ["nothing for someone with no grants", "user:erin&verb=get&resource=pods&projectId=shop", () => []],
      ["a group subject", "group:sre&verb=patch&resource=deployments&apiGroup=apps&projectId=canary", () => [ids.editSreShopApi ?? ""]],
    ])("can-i: %s", async (_name, query, expected) => {
      const resolved = query
        .replace(/^user:(\w+)/, (_match, name: string) => `subject=user:${users[name]?.userId}`)
        .replace(/^group:(\w+)/, (_match, name: string) => `subject=group:${ids[name]}`)
        .replace(/projectId=(\w+)/, (_match, name: string) => `projectId=${ids[name]}`);
      const answer = await canI(resolved);
      expect(matched(answer)).toEqual(expected());
      expect(answer.allowed).toBe(expected().length > 0);
      expect(answer.reason).toMatch(answer.allowed ? /^Allowed by role/ : /^No role bound/);
    });

    it("can-i defaults to the caller", async () => {
      const dave = users.dave as SignedInUser;
      // Asking needs role-binding:read: without a workspace role the workspace is invisible to him.
      expect((await call({ method: "GET", url: `${base}/rbac/can-i?verb=get&resource=pods` }, dave)).statusCode).toBe(404);
      await fixtures.workspaceMember(owner, orgId, wsId, dave.userId, "viewer");
      const asDave = (await call({ method: "GET", url: `${base}/rbac/can-i?verb=get&resource=pods` }, dave)).json();
      expect(asDave).toMatchObject({ allowed: true, matched: [{ bindingId: ids.adminDave }] });
      expect(await canI("verb=get&resource=pods")).toMatchObject({ allowed: false, matched: [] });
    });

    it("who-can expands group grants to descendant groups and all their members", async () => {
      const answer = (await call({ method: "GET", url: `${base}/rbac/who-can?verb=get&resource=pods&projectId=${ids.canary}` })).json();
      // Earlier tests bound cluster-admin workspace-wide to other users too; erin has nothing.
      const userIds = answer.users.map((entry: { userId: string }) => entry.userId);
      expect(userIds).toEqual(expect.arrayContaining([users.alice?.userId, users.carol?.userId, users.dave?.userId]));
      expect(userIds).not.toContain(users.erin?.userId);
      expect(answer.groups.map((entry: { groupId: string }) => entry.groupId).sort()).toEqual([ids.eng, ids.platform, ids.sre].sort());
      const alice = answer.users.find((entry: { userId: string }) => entry.userId === users.alice?.userId);
      expect(alice.via.map((source: { bindingId: string }) => source.bindingId).sort()).toEqual([ids.viewEngShop, ids.editSreShopApi].sort());

      const secret = (await call({ method: "GET", url: `${base}/rbac/who-can?verb=get&resource=secrets&name=db` })).json();
      const secretReaders = secret.users.map((entry: { userId: string }) => entry.userId);
      expect(secretReaders).toEqual(expect.arrayContaining([users.alice?.userId, users.dave?.userId]));
      expect(secretReaders).not.toContain(users.carol?.userId);
    });

    it("treats unknown or foreign subjects and projects in questions as not found", async () => {
      const stranger = await t.user("stranger-q");
      const foreignProject = await fixtures.project(owner, orgId, otherWsId, "foreign-q");
      const foreignGroup = (await call({ method: "POST", url: `/api/v1/organizations/${orgId}/workspaces/${otherWsId}/groups`, payload: { name: "foreign-q" } })).json().id;
      for (const url of [
        `${base}/rbac/subjects/user/${stranger.userId}/permissions`,
        `${base}/rbac/subjects/group/${foreignGroup}/permissions`,
        `${base}/rbac/subjects/user/${users.alice?.userId}/permissions?projectId=${foreignProject}`,
        `${base}/rbac/can-i?subject=user:${stranger.userId}&verb=get&resource=pods`,
        `${base}/rbac/who-can?verb=get&resource=pods&projectId=${foreignProject}`,
      ]) {
        expect({ url, status: (await call({ method: "GET", url })).statusCode }).toEqual({ url, status: 404 });
      }
      expect((await call({ method: "GET", url: `${base}/rbac/can-i?subject=robot:x&verb=get&resource=pods` })).json().error.code).toBe("VALIDATION_FAILED");
    });
  });
});
