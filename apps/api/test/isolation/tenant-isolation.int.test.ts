import type { Action } from "@hks/contracts";
import type { AddressInfo } from "node:net";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantedActions } from "../../src/authorization/grants";
import type { RouteTableEntry } from "../../src/http/enforce-declared-access";
import { startTenancyTestbed, type TenancyTestbed } from "../tenancy/tenancy-testbed";
import { routeExamples, worldServices } from "./route-examples";
import { buildWorld, worldRoles, type RoleAssignment, type World, type WorldUserKey } from "./world";


/**
 * Tenant isolation, generated from the API's own route table: every route that needs a signed-in
 * user is called without a token (401); every authorized route is also called by a user of another
 * organization (404: no existence leak), by a role that can see the resource but lacks the action
 * (403), and by a role that has it (success). A route without an example fails the suite.
 */
let t: TenancyTestbed;
let routes: RouteTableEntry[];

const fillPath = (url: string, world: World) =>
  url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = world.params[name];
    if (!value) throw new Error(`the world has no value for :${name} (route ${url})`);
    return value;
  });

const levelOf = (url: string) => (url.includes(":projectId") ? "project" : url.includes(":wsId") ? "workspace" : "organization");
const readAction = { organization: "organization:read", workspace: "workspace:read", project: "project:read" } as const;

/** A world user who can see the route's scope but lacks its action, if the role model has one. */
function seeingButLacking(action: Action, url: string): WorldUserKey | undefined {
  const level = levelOf(url);
  const entries = Object.entries(worldRoles) as [WorldUserKey, RoleAssignment][];
  return entries.find(([, roles]) => {
    if (!roles.organization) return false;
    const granted = grantedActions({
      level,
      organizationRole: roles.organization,
      workspaceRole: roles.workspace,
      projectRoles: roles.project ? [roles.project] : [],
      memberOfAProjectInWorkspace: roles.project !== undefined,
    });
    return granted.has(readAction[level]) && !granted.has(action);
  })?.[0];
}

async function callAs(world: World, user: WorldUserKey | undefined, route: RouteTableEntry): Promise<{ statusCode: number; body: string }> {
  const example = routeExamples[`${route.method} ${route.url}`];
  const extra = (await example?.request?.(world)) ?? {};
  const options: InjectOptions = { ...extra, method: route.method as InjectOptions["method"], url: extra.url ?? fillPath(route.url, world) };
  if (example?.connect) return example.connect(String(options.url), user ? world.users[user].headers : {});
  return t.call(user ? world.users[user] : undefined, options);
}

/** A new world, with the example builders pointed at it. */
async function freshWorld(): Promise<World> {
  const world = await buildWorld(t);
  worldServices.call = (user, options) => t.call(world.users[user], options);
  worldServices.testbed = t;
  return world;
}

beforeAll(async () => {
  t = await startTenancyTestbed();
  const { port } = (await t.app.listen({ host: "127.0.0.1", port: 0 }), t.app.server.address() as AddressInfo);
  worldServices.baseUrl = `http://127.0.0.1:${port}`;
  routes = t.app.routeTable.filter((route) => route.access.kind !== "public");
});
afterAll(async () => t.close());

describe("tenant isolation (generated from the route table)", () => {
  it("has an example for every route that needs a signed-in user", () => {
    const missing = routes.map((route) => `${route.method} ${route.url}`).filter((key) => !routeExamples[key]);
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(15);
  });

  it("authorizes every route under an organization (none is merely 'signed in')", () => {
    const unscoped = t.app.routeTable.filter((route) => route.url.includes(":orgId") && route.access.kind !== "authorized");
    expect(unscoped.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it("answers every non-public route without a token with 401", async () => {
    const world = await freshWorld();
    for (const route of routes) {
      const response = await callAs(world, undefined, route);
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 401 });
    }
  });

  it("answers every tenant-scoped route called by another tenant with 404", async () => {
    const world = await freshWorld();
    const tenantScoped = (entry: RouteTableEntry) => entry.access.kind === "authorized" || routeExamples[`${entry.method} ${entry.url}`]?.tenantScoped === true;
    for (const route of routes.filter(tenantScoped)) {
      const response = await callAs(world, "outsider", route);
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 404 });
    }
  });

  it("answers a role that can see but lacks the action with 403", async () => {
    const world = await freshWorld();
    let checked = 0;
    for (const route of routes) {
      if (route.access.kind !== "authorized") continue;
      const user = seeingButLacking(route.access.action, route.url);
      if (!user) continue;
      checked++;
      const response = await callAs(world, user, route);
      expect({ route: `${route.method} ${route.url}`, as: user, status: response.statusCode }).toEqual({ route: `${route.method} ${route.url}`, as: user, status: 403 });
    }
    expect(checked).toBeGreaterThan(5);
  });

  // One world per route: its time grows with the route table, so it gets more than the default 30 s.
  it("lets the right role succeed on every route (each on a fresh world)", { timeout: 180_000 }, async () => {
    for (const route of routes) {
      const world = await freshWorld();
      worldServices.call = (user, options) => t.call(world.users[user], options);
  worldServices.testbed = t;
      const example = routeExamples[`${route.method} ${route.url}`];
      await example?.prepare?.(world);
      const response = await callAs(world, example?.as ?? "owner", route);
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode, body: response.statusCode >= 300 ? response.body : "" }).toEqual({
        route: `${route.method} ${route.url}`,
        status: example?.status,
        body: "",
      });
    }
  });
});
