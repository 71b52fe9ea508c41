import { schema } from "@hks/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTenancyTestbed, type SignedInUser, type TenancyTestbed } from "./tenancy-testbed";

/**
 * Requests that together would overcommit a quota, sent at the same moment against PostgreSQL:
 * the workspace lock must let exactly as many through as fit, refuse the rest with a clean 4xx,
 * and never leave a sum above its holder.
 */
describe("quota and limits under concurrent requests", () => {
  let t: TenancyTestbed;
  let owner: SignedInUser;

  beforeAll(async () => {
    t = await startTenancyTestbed();
    owner = await t.user("owner");
  });
  afterAll(async () => t.close());

  async function organization(): Promise<string> {
    return (await t.call(owner, { method: "POST", url: "/api/v1/organizations", payload: { name: "Concurrent" } })).json().id;
  }

  async function workspace(orgId: string, cpuMillicores: number): Promise<string> {
    const response = await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces`, payload: { name: "busy", planId: "pro-shared", resources: { cpuMillicores } } });
    expect(response.statusCode, response.body).toBe(201);
    return `/api/v1/organizations/${orgId}/workspaces/${response.json().id}`;
  }

  const outcomes = (responses: { statusCode: number; json(): { error?: { code: string } } }[]) => {
    const tally: Record<string, number> = {};
    for (const response of responses) {
      const key = response.statusCode === 201 || response.statusCode === 200 ? "ok" : (response.json().error?.code ?? String(response.statusCode));
      tally[key] = (tally[key] ?? 0) + 1;
    }
    return tally;
  };

  const childSum = async (parentId: string) => {
    const [row] = await t.database.db.select({ cpu: sql<number>`coalesce(sum(${schema.projects.cpuMillicores}), 0)`.mapWith(Number) }).from(schema.projects).where(eq(schema.projects.parentId, parentId));
    return row?.cpu ?? 0;
  };

  it("lets exactly 10 of 20 parallel 100m children into a 1000m parent", async () => {
    const base = await workspace(await organization(), 16_000);
    const parent = (await t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: "parent", quota: { cpuMillicores: 1_000 } } })).json();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: `child-${i}`, parentId: parent.id, quota: { cpuMillicores: 100 } } })),
    );
    expect(outcomes(responses)).toEqual({ ok: 10, QUOTA_EXCEEDED: 10 });
    expect(await childSum(parent.id)).toBe(1_000);
    const after = (await t.call(owner, { method: "GET", url: `${base}/projects/${parent.id}` })).json();
    expect(after).toMatchObject({ allocated: { cpuMillicores: 1_000 }, free: { cpuMillicores: 0 } });
  });

  it("lets exactly 10 of 20 parallel 100m top-level projects into a 1000m workspace", async () => {
    const base = await workspace(await organization(), 1_000);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: `top-${i}`, quota: { cpuMillicores: 100 } } })),
    );
    expect(outcomes(responses)).toEqual({ ok: 10, QUOTA_EXCEEDED: 10 });
    const after = (await t.call(owner, { method: "GET", url: base })).json();
    expect(after).toMatchObject({ allocated: { cpuMillicores: 1_000 }, free: { cpuMillicores: 0 } });
  });

  it("never lets parallel quota increases of siblings overcommit their parent", async () => {
    const base = await workspace(await organization(), 16_000);
    const parent = (await t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: "parent", quota: { cpuMillicores: 1_000 } } })).json();
    const children = [];
    for (let i = 0; i < 8; i++) children.push((await t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: `c${i}`, parentId: parent.id, quota: { cpuMillicores: 50 } } })).json());
    // Each asks to grow from 50m to 250m. With k grown, the next needs 250 + 250k + 50(7 − k)
    // ≤ 1000, so whatever the order exactly three fit (600, 800, 1000 → the fourth would be 1200).
    const responses = await Promise.all(children.map((child) => t.call(owner, { method: "PUT", url: `${base}/projects/${child.id}`, headers: { "if-match": '"v1"' }, payload: { quota: { cpuMillicores: 250 } } })));
    expect(outcomes(responses)).toEqual({ ok: 3, QUOTA_EXCEEDED: 5 });
    expect(await childSum(parent.id)).toBe(3 * 250 + 5 * 50);
  });

  it("never lets a workspace shrink below projects created at the same moment", async () => {
    const base = await workspace(await organization(), 2_000);
    const requests = [
      ...Array.from({ length: 10 }, (_, i) => t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: `p${i}`, quota: { cpuMillicores: 150 } } })),
      t.call(owner, { method: "PUT", url: base, headers: { "if-match": '"v1"' }, payload: { resources: { cpuMillicores: 1_000 } } }),
    ];
    await Promise.all(requests);
    const after = (await t.call(owner, { method: "GET", url: base })).json();
    expect(after.allocated.cpuMillicores).toBeLessThanOrEqual(after.resources.cpuMillicores);
    expect(after.free.cpuMillicores).toBeGreaterThanOrEqual(0);
  });

  it("lets only one of two crossing moves through, so no cycle is ever written", async () => {
    const base = await workspace(await organization(), 16_000);
    const a = (await t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: "a" } })).json();
    const b = (await t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: "b" } })).json();
    const responses = await Promise.all([
      t.call(owner, { method: "POST", url: `${base}/projects/${a.id}/move`, payload: { parentId: b.id } }),
      t.call(owner, { method: "POST", url: `${base}/projects/${b.id}/move`, payload: { parentId: a.id } }),
    ]);
    expect(outcomes(responses)).toEqual({ ok: 1, CYCLE: 1 });
    const rows = await t.database.db.select({ id: schema.projects.id, parentId: schema.projects.parentId }).from(schema.projects).where(eq(schema.projects.id, a.id));
    const other = await t.database.db.select({ id: schema.projects.id, parentId: schema.projects.parentId }).from(schema.projects).where(eq(schema.projects.id, b.id));
    expect([rows[0]?.parentId, other[0]?.parentId].filter((parent) => parent === null)).toHaveLength(1);
  });

  it("lets no more workspaces into an organization than the plan allows, however many arrive at once", async () => {
    const orgId = await organization();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces`, payload: { name: `ws-${i}`, planId: "starter-shared" } })),
    );
    expect(outcomes(responses)).toEqual({ ok: 2, PLAN_LIMIT: 4 });
  });

  it("lets no more projects into a workspace than the plan allows, whatever their parents", async () => {
    const orgId = await organization();
    const response = await t.call(owner, { method: "POST", url: `/api/v1/organizations/${orgId}/workspaces`, payload: { name: "small", planId: "starter-shared" } });
    const base = `/api/v1/organizations/${orgId}/workspaces/${response.json().id}`;
    const parent = (await t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: "parent" } })).json();
    const responses = await Promise.all(
      Array.from({ length: 15 }, (_, i) => t.call(owner, { method: "POST", url: `${base}/projects`, payload: { name: `p${i}`, parentId: i % 2 ? parent.id : null } })),
    );
    expect(outcomes(responses)).toEqual({ ok: 9, PLAN_LIMIT: 6 });
  });
});
