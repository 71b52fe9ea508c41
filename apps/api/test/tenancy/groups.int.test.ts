import { schema } from "@hks/db";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { effectiveGroupIds } from "../../src/groups/effective-group-ids";
import { effectiveGroupIdsFrom } from "../../src/groups/group-tree";
import { tenancyFixtures } from "./tenancy-fixtures";
import { startTenancyTestbed, type SignedInUser, type TenancyTestbed } from "./tenancy-testbed";

describe("groups", () => {
  let t: TenancyTestbed;
  let fixtures: ReturnType<typeof tenancyFixtures>;
  let owner: SignedInUser;
  let orgId: string;
  let wsId: string;
  let otherWsId: string;
  let groupsUrl: string;

  type Group = { id: string; name: string; parentId: string | null; version: number };
  const create = async (name: string, parentId?: string | null) => t.call(owner, { method: "POST", url: groupsUrl, payload: { name, ...(parentId === undefined ? {} : { parentId }) } });
  const createOk = async (name: string, parentId?: string | null): Promise<Group> => {
    const response = await create(name, parentId);
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  /** A chain of `length` groups, root first. */
  const chain = async (prefix: string, length: number): Promise<Group[]> => {
    const groups: Group[] = [];
    for (let index = 0; index < length; index++) groups.push(await createOk(`${prefix}-${index + 1}`, groups.at(-1)?.id ?? null));
    return groups;
  };
  const read = async (id: string): Promise<Group> => (await t.call(owner, { method: "GET", url: `${groupsUrl}/${id}` })).json();
  const move = (id: string, parentId: string | null, headers: Record<string, string> = {}) => t.call(owner, { method: "POST", url: `${groupsUrl}/${id}/move`, payload: { parentId }, headers });
  const groupCount = async () => (await t.database.db.select({ id: schema.groups.id }).from(schema.groups).where(eq(schema.groups.workspaceId, wsId))).length;

  beforeAll(async () => {
    t = await startTenancyTestbed();
    fixtures = tenancyFixtures(t);
    owner = await t.user("owner");
    orgId = await fixtures.organization(owner);
    wsId = await fixtures.workspace(owner, orgId, "main");
    otherWsId = await fixtures.workspace(owner, orgId, "other");
    groupsUrl = `/api/v1/organizations/${orgId}/workspaces/${wsId}/groups`;
  });
  afterAll(async () => t.close());

  it("creates nested groups, audited, and reads them back with an ETag", async () => {
    const parent = await createOk("engineering");
    const child = await createOk("platform", parent.id);
    expect(child).toMatchObject({ parentId: parent.id, version: 1 });
    const response = await t.call(owner, { method: "GET", url: `${groupsUrl}/${child.id}` });
    expect(response.headers.etag).toBe('"v1"');
    expect(response.json()).toMatchObject({ name: "platform", workspaceId: wsId });
    const events = await t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, child.id));
    expect(events.map((event) => event.type)).toEqual(["group.created"]);
    expect(events[0]?.metadata).toMatchObject({ workspaceId: wsId, after: { name: "platform", parentId: parent.id } });
  });

  it("refuses a duplicate name in the workspace with NAME_TAKEN, but allows it in another workspace", async () => {
    await createOk("dup");
    const before = await groupCount();
    const again = await create("dup");
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: "NAME_TAKEN", details: [{ field: "body.name" }] });
    expect(await groupCount()).toBe(before);
    const elsewhere = await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces/${otherWsId}/groups`, payload: { name: "dup" } });
    expect(elsewhere.statusCode).toBe(201);
  });

  it("updates with If-Match; a stale or missing ETag and a taken name change nothing", async () => {
    const group = await createOk("renamable");
    await createOk("taken-name");
    const ok = await t.call(owner, { method: "PUT", url: `${groupsUrl}/${group.id}`, headers: { "if-match": '"v1"' }, payload: { description: "first" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    const stale = await t.call(owner, { method: "PUT", url: `${groupsUrl}/${group.id}`, headers: { "if-match": '"v1"' }, payload: { description: "second" } });
    expect(stale.json().error.code).toBe("PRECONDITION_FAILED");
    const missing = await t.call(owner, { method: "PUT", url: `${groupsUrl}/${group.id}`, payload: { description: "third" } });
    expect(missing.json().error.code).toBe("PRECONDITION_REQUIRED");
    const taken = await t.call(owner, { method: "PUT", url: `${groupsUrl}/${group.id}`, headers: { "if-match": '"v2"' }, payload: { name: "taken-name" } });
    expect(taken.json().error.code).toBe("NAME_TAKEN");
    expect(await read(group.id)).toMatchObject({ name: "renamable", description: "first", version: 2 });
  });

  it("lists with keyset pagination, parent and name filters, and both sorts", async () => {
    const parent = await createOk("list-parent");
    for (const name of ["list-c", "list-a", "list-b"]) await createOk(name, parent.id);
    const names = (page: { items: Group[] }) => page.items.map((group) => group.name);
    const first = (await t.call(owner, { method: "GET", url: `${groupsUrl}?parentId=${parent.id}&limit=2` })).json();
    expect(names(first)).toEqual(["list-a", "list-b"]);
    const second = (await t.call(owner, { method: "GET", url: `${groupsUrl}?parentId=${parent.id}&limit=2&cursor=${first.nextCursor}` })).json();
    expect(names(second)).toEqual(["list-c"]);
    expect(second.nextCursor).toBeNull();
    const newest = (await t.call(owner, { method: "GET", url: `${groupsUrl}?parentId=${parent.id}&sort=-createdAt&limit=1` })).json();
    expect(names(newest)).toEqual(["list-b"]);
    const roots = (await t.call(owner, { method: "GET", url: `${groupsUrl}?parentId=root&q=list-` })).json();
    expect(names(roots)).toEqual(["list-parent"]);
    const searched = (await t.call(owner, { method: "GET", url: `${groupsUrl}?q=LIST-A` })).json();
    expect(names(searched)).toEqual(["list-a"]);
  });

  it("moves a subtree, and refuses a cycle with CYCLE without changing anything", async () => {
    const [a, b, c] = await chain("mv", 3);
    if (!a || !b || !c) throw new Error("chain");
    for (const [target, parent] of [[a, a], [a, c], [b, c]] as const) {
      const refused = await move(target.id, parent.id);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: "CYCLE", details: [{ field: "body.parentId" }] });
    }
    expect(await read(a.id)).toMatchObject({ parentId: null, version: 1 });
    expect(await read(b.id)).toMatchObject({ parentId: a.id, version: 1 });

    const moved = await move(c.id, null);
    expect(moved.json()).toMatchObject({ parentId: null, version: 2 });
    const back = await move(c.id, b.id, { "if-match": '"v1"' });
    expect(back.json().error.code).toBe("PRECONDITION_FAILED");
    expect((await move(c.id, b.id, { "if-match": '"v2"' })).json()).toMatchObject({ parentId: b.id, version: 3 });
    const events = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, c.id), eq(schema.auditEvents.type, "group.moved")));
    expect(events).toHaveLength(2);
  });

  it("refuses two opposite moves at once from making a cycle", async () => {
    const x = await createOk("race-x");
    const y = await createOk("race-y");
    const results = await Promise.all([move(x.id, y.id), move(y.id, x.id)]);
    expect(results.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const [afterX, afterY] = [await read(x.id), await read(y.id)];
    expect([afterX.parentId, afterY.parentId].filter((parent) => parent !== null)).toHaveLength(1);
  });

  it("limits depth to 10 on create and on move, counting the moved subtree's height", async () => {
    const deep = await chain("deep", 10);
    const before = await groupCount();
    const tooDeep = await create("deep-11", deep[9]?.id);
    expect(tooDeep.statusCode).toBe(422);
    expect(tooDeep.json().error.code).toBe("DEPTH_LIMIT");
    expect(await groupCount()).toBe(before);

    const subtree = await chain("sub", 3);
    const subRoot = subtree[0];
    if (!subRoot) throw new Error("chain");
    // Under depth 8 the 3-level subtree would reach 11; under depth 7 it reaches exactly 10.
    const refused = await move(subRoot.id, deep[7]?.id ?? "");
    expect(refused.json().error.code).toBe("DEPTH_LIMIT");
    expect(await read(subRoot.id)).toMatchObject({ parentId: null, version: 1 });
    expect((await move(subRoot.id, deep[6]?.id ?? "")).statusCode).toBe(200);
  });

  it("adds and removes members of the organization; anyone else is not found", async () => {
    const group = await createOk("members");
    const colleague = await t.user("colleague");
    await fixtures.join(owner, orgId, colleague);
    const stranger = await t.user("stranger");
    const membersUrl = `${groupsUrl}/${group.id}/members`;

    const added = await t.call(owner, { method: "POST", url: membersUrl, payload: { userId: colleague.userId } });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ userId: colleague.userId, email: colleague.email, direct: true });
    expect((await t.call(owner, { method: "POST", url: membersUrl, payload: { userId: colleague.userId } })).json().error.code).toBe("CONFLICT");
    const notMember = await t.call(owner, { method: "POST", url: membersUrl, payload: { userId: stranger.userId } });
    expect(notMember.statusCode).toBe(404);
    expect(notMember.json().error.details).toEqual([{ field: "body.userId", message: "not a member of the organization" }]);

    const listed = (await t.call(owner, { method: "GET", url: membersUrl })).json();
    expect(listed.items.map((member: { userId: string }) => member.userId)).toEqual([colleague.userId]);
    expect((await t.call(owner, { method: "DELETE", url: `${membersUrl}/${colleague.userId}` })).statusCode).toBe(204);
    expect((await t.call(owner, { method: "DELETE", url: `${membersUrl}/${colleague.userId}` })).statusCode).toBe(404);
    const types = (await t.database.db.select().from(schema.auditEvents).where(eq(schema.auditEvents.targetId, group.id))).map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(["group.member.added", "group.member.removed"]));
  });

  it("inherits membership upward: a member of a child group counts in every ancestor", async () => {
    const [top, middle, leaf] = await chain("inherit", 3);
    const side = await createOk("inherit-side");
    if (!top || !middle || !leaf) throw new Error("chain");
    const member = await t.user("inheritor");
    await fixtures.join(owner, orgId, member);
    await t.call(owner, { method: "POST", url: `${groupsUrl}/${leaf.id}/members`, payload: { userId: member.userId } });
    await t.call(owner, { method: "POST", url: `${groupsUrl}/${side.id}/members`, payload: { userId: member.userId } });

    const effective = await effectiveGroupIds(t.database.db, wsId, member.userId);
    expect(effective).toEqual([top.id, middle.id, leaf.id, side.id].sort());
    // The pure twin agrees with the recursive CTE.
    const rows = await t.database.db.select({ id: schema.groups.id, parentId: schema.groups.parentId }).from(schema.groups).where(eq(schema.groups.workspaceId, wsId));
    expect(effectiveGroupIdsFrom(new Map(rows.map((row) => [row.id, row.parentId])), [leaf.id, side.id])).toEqual(effective);
    // Another workspace's groups never leak in.
    expect(await effectiveGroupIds(t.database.db, otherWsId, member.userId)).toEqual([]);

    const direct = (await t.call(owner, { method: "GET", url: `${groupsUrl}/${top.id}/members` })).json();
    expect(direct.items).toEqual([]);
    const inherited = (await t.call(owner, { method: "GET", url: `${groupsUrl}/${top.id}/members?inherited=true` })).json();
    expect(inherited.items).toEqual([expect.objectContaining({ userId: member.userId, direct: false })]);
  });

  it("refuses to delete a group with children unless cascading; a cascade takes memberships and bindings with it", async () => {
    const [root, child, grandchild] = await chain("del", 3);
    if (!root || !child || !grandchild) throw new Error("chain");
    const member = await t.user("deleted-member");
    await fixtures.join(owner, orgId, member);
    await t.call(owner, { method: "POST", url: `${groupsUrl}/${grandchild.id}/members`, payload: { userId: member.userId } });
    const [view] = await t.database.db.select().from(schema.roles).where(and(eq(schema.roles.workspaceId, wsId), eq(schema.roles.name, "cluster-admin")));
    const binding = await t.call(owner, {
      method: "POST",
      url: `/api/v1/organizations/${orgId}/workspaces/${wsId}/rbac/bindings`,
      payload: { roleId: view?.id, subject: { kind: "group", id: child.id } },
    });
    expect(binding.statusCode).toBe(201);

    const refused = await t.call(owner, { method: "DELETE", url: `${groupsUrl}/${root.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("NOT_EMPTY");
    expect((await t.call(owner, { method: "GET", url: `${groupsUrl}/${grandchild.id}` })).statusCode).toBe(200);

    expect((await t.call(owner, { method: "DELETE", url: `${groupsUrl}/${root.id}?cascade=true` })).statusCode).toBe(204);
    const ids = [root.id, child.id, grandchild.id];
    expect(await t.database.db.select().from(schema.groups).where(inArray(schema.groups.id, ids))).toEqual([]);
    expect(await t.database.db.select().from(schema.groupMembers).where(inArray(schema.groupMembers.groupId, ids))).toEqual([]);
    expect(await t.database.db.select().from(schema.roleBindings).where(eq(schema.roleBindings.id, binding.json().id))).toEqual([]);
    const [event] = await t.database.db.select().from(schema.auditEvents).where(and(eq(schema.auditEvents.targetId, root.id), eq(schema.auditEvents.type, "group.deleted")));
    expect(event?.metadata).toMatchObject({ removedBindingIds: [binding.json().id], deletedDescendants: expect.arrayContaining([{ id: grandchild.id, name: grandchild.name }]) });
    expect((await t.call(owner, { method: "DELETE", url: `${groupsUrl}/${root.id}` })).statusCode).toBe(404);
  });

  it("treats another workspace's group ids as not found, everywhere, and changes nothing", async () => {
    const foreign = (await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces/${otherWsId}/groups`, payload: { name: "foreign" } })).json() as Group;
    const local = await createOk("local");
    const attempts = [
      { method: "GET", url: `${groupsUrl}/${foreign.id}` },
      { method: "PUT", url: `${groupsUrl}/${foreign.id}`, headers: { "if-match": '"v1"' }, payload: { name: "hijacked" } },
      { method: "POST", url: `${groupsUrl}/${foreign.id}/move`, payload: { parentId: null } },
      { method: "DELETE", url: `${groupsUrl}/${foreign.id}` },
      { method: "GET", url: `${groupsUrl}/${foreign.id}/members` },
      { method: "POST", url: `${groupsUrl}/${foreign.id}/members`, payload: { userId: owner.userId } },
      { method: "POST", url: groupsUrl, payload: { name: "under-foreign", parentId: foreign.id } },
      { method: "POST", url: `${groupsUrl}/${local.id}/move`, payload: { parentId: foreign.id } },
      { method: "GET", url: `${groupsUrl}/grp_not-even-an-id` },
    ] as const;
    for (const attempt of attempts) {
      const response = await t.call(owner, attempt);
      expect({ attempt: `${attempt.method} ${attempt.url}`, status: response.statusCode }).toEqual({ attempt: `${attempt.method} ${attempt.url}`, status: 404 });
    }
    const [stored] = await t.database.db.select().from(schema.groups).where(eq(schema.groups.id, foreign.id));
    expect(stored).toMatchObject({ name: "foreign", version: 1, workspaceId: otherWsId });
    expect(await read(local.id)).toMatchObject({ parentId: null, version: 1 });
  });

  it("lets a workspace viewer read but not change groups; hides them from anyone outside", async () => {
    const viewer = await t.user("viewer");
    await fixtures.join(owner, orgId, viewer);
    await fixtures.workspaceMember(owner, orgId, wsId, viewer.userId, "viewer");
    const plainMember = await t.user("plain");
    await fixtures.join(owner, orgId, plainMember);
    const outsider = await t.user("outsider");
    await fixtures.organization(outsider, "Elsewhere");

    expect((await t.call(viewer, { method: "GET", url: groupsUrl })).statusCode).toBe(200);
    expect((await t.call(viewer, { method: "POST", url: groupsUrl, payload: { name: "viewer-made" } })).statusCode).toBe(403);
    expect((await t.call(plainMember, { method: "GET", url: groupsUrl })).statusCode).toBe(404);
    expect((await t.call(outsider, { method: "GET", url: groupsUrl })).statusCode).toBe(404);
    expect((await t.call(undefined, { method: "GET", url: groupsUrl })).statusCode).toBe(401);
  });

  it("drops a member's group memberships when they leave the organization", async () => {
    const group = await createOk("leavers");
    const leaver = await t.user("leaver");
    await fixtures.join(owner, orgId, leaver);
    await t.call(owner, { method: "POST", url: `${groupsUrl}/${group.id}/members`, payload: { userId: leaver.userId } });
    expect((await t.call(leaver, { method: "POST", url: `/api/v1/organizations/${orgId}/leave` })).statusCode).toBe(204);
    expect(await effectiveGroupIds(t.database.db, wsId, leaver.userId)).toEqual([]);
  });
});
