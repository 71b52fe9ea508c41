import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceStandingOf } from "../../src/gateway/workspace-standing";
import { buildWorld, worldRoles, type World, type WorldUserKey } from "../isolation/world";
import { startTenancyTestbed, type TenancyTestbed } from "../tenancy/tenancy-testbed";

/**
 * The gateway decides "may this user still read the workspace" in one query of its own (with the
 * user's groups), on every request. It must agree with the platform's authorizer for every role a
 * user can hold, and see removals at once.
 */
let t: TenancyTestbed;
let world: World;

beforeAll(async () => {
  t = await startTenancyTestbed();
  world = await buildWorld(t);
});
afterAll(async () => t.close());

const scope = () => ({ organizationId: world.params.orgId!, workspaceId: world.params.wsId! });

async function authorizerSays(userId: string): Promise<boolean> {
  return t.server.deps.tenancy.authorizer.authorize(userId, "workspace:read", scope()).then(
    () => true,
    () => false,
  );
}

async function gatewaySays(userId: string): Promise<boolean> {
  return workspaceStandingOf(t.database.db, { userId, ...scope() }).then(
    () => true,
    () => false,
  );
}

describe("the gateway's workspace standing", () => {
  it("agrees with the authorizer's workspace:read for every role in the world", async () => {
    const answers = [];
    for (const key of Object.keys(worldRoles) as WorldUserKey[]) {
      const userId = world.users[key].userId;
      answers.push({ key, authorizer: await authorizerSays(userId), gateway: await gatewaySays(userId) });
    }
    for (const answer of answers) expect(answer.gateway).toBe(answer.authorizer);
    expect(answers.filter((answer) => answer.gateway).map((answer) => answer.key).sort()).toEqual(
      ["admin", "owner", "projectAdmin", "projectDeveloper", "projectViewer", "wsAdmin", "wsDeveloper", "wsViewer"].sort(),
    );
  });

  it("resolves the user's groups with their ancestors, and refuses a workspace of another organization", async () => {
    const wsPath = `/api/v1/organizations/${world.params.orgId}/workspaces/${world.params.wsId}`;
    const parent = (await t.call(world.users.owner, { method: "POST", url: `${wsPath}/groups`, payload: { name: "parent" } })).json() as { id: string };
    const child = (await t.call(world.users.owner, { method: "POST", url: `${wsPath}/groups`, payload: { name: "child", parentId: parent.id } })).json() as { id: string };
    const viewer = world.users.wsViewer.userId;
    expect((await workspaceStandingOf(t.database.db, { userId: viewer, ...scope() })).groupIds).toEqual([]);
    expect((await t.call(world.users.owner, { method: "POST", url: `${wsPath}/groups/${child.id}/members`, payload: { userId: viewer } })).statusCode).toBe(201);
    expect((await workspaceStandingOf(t.database.db, { userId: viewer, ...scope() })).groupIds).toEqual([child.id, parent.id].sort());
    await expect(workspaceStandingOf(t.database.db, { userId: world.users.owner.userId, organizationId: "org_00000000000000000000000000", workspaceId: world.params.wsId! })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sees a removal from the workspace at once", async () => {
    const viewer = world.users.wsViewer.userId;
    expect(await gatewaySays(viewer)).toBe(true);
    const removed = await t.call(world.users.owner, { method: "DELETE", url: `/api/v1/organizations/${world.params.orgId}/workspaces/${world.params.wsId}/members/${viewer}` });
    expect(removed.statusCode).toBe(204);
    expect(await gatewaySays(viewer)).toBe(false);
  });
});
