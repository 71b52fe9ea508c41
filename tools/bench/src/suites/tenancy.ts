import { randomBytes } from "node:crypto";
import { buildTestServer, signInTestUser } from "@hks/api/testing";
import { createRedisCache } from "@hks/cache";
import { schema } from "@hks/db";
import { createTestDatabase, prepareTemplateDatabase, type TestDatabase } from "@hks/db/testing";
import { sql } from "drizzle-orm";
import { buildSyntheticGroupTree, canI, evaluatePermissions } from "@hks/api/rbac-evaluation";
import { sampleMs, summarize, type BenchSuite, type Measurement } from "../bench-suite";

/**
 * Workspace list latency as the database grows: the list must stay flat because it is a keyset
 * scan of one organization's index range, never an OFFSET or a COUNT. Rows are bulk-inserted with
 * SQL (the API would refuse 100,000 workspaces in one plan anyway); the timed part is the real
 * HTTP route with authentication and authorization.
 */
async function seedWorkspaces(database: TestDatabase, organizationId: string, count: number, prefix: string): Promise<void> {
  await database.db.execute(sql`
    insert into ${schema.workspaces} (id, organization_id, name, plan_id, kubernetes_version, cpu_millicores, memory_mib, storage_gib, status)
    select ${prefix} || lpad(to_hex(n), 24, '0'), ${organizationId}, 'ws-' || ${prefix} || n, 'enterprise-shared', 'v1.35.4', 1000, 1024, 10, 'RUNNING'
    from generate_series(1, ${count}) as n`);
}

export const tenancy: BenchSuite = {
  name: "tenancy",
  description: "workspace list latency at 100 and 100,000 workspaces in the database",
  async run() {
    const redisUrl = process.env.REDIS_URL;
    if (!redisUrl) throw new Error("REDIS_URL is not set; run through `npm run bench`");
    await prepareTemplateDatabase();
    const database = await createTestDatabase();
    const cache = createRedisCache({ url: redisUrl, keyPrefix: `hks-bench-${randomBytes(4).toString("hex")}:` });
    const { app, deps, close } = await buildTestServer({ database, cache, env: { HKS_RATE_LIMIT_READ_PER_MINUTE: "100000000" } });
    try {
      const { headers } = await signInTestUser({ deps }, "bench", { userAgent: "bench" });
      const createOrg = async (name: string) => {
        const response = await app.inject({ method: "POST", url: "/api/v1/organizations", headers, payload: { name } });
        return (response.json() as { id: string }).id;
      };

      const measure = async (label: string, orgId: string, query = "limit=50"): Promise<Measurement> => {
        const url = `/api/v1/organizations/${orgId}/workspaces?${query}`;
        const probe = await app.inject({ method: "GET", url, headers });
        if (probe.statusCode !== 200) throw new Error(`${url} answered ${probe.statusCode}: ${probe.body}`);
        return summarize(label, await sampleMs(() => app.inject({ method: "GET", url, headers }), 300));
      };

      const small = await createOrg("small");
      await seedWorkspaces(database, small, 100, "ws_a");
      await database.db.execute(sql`analyze ${schema.workspaces}`);
      const results = [await measure("list 50 of an org's 100 (100 in the database)", small)];

      // 99,900 more workspaces in 999 other organizations.
      await database.db.execute(sql`
        insert into ${schema.organizations} (id, name, slug)
        select 'org_other' || lpad(o::text, 17, '0'), 'other', 'other-' || o from generate_series(1, 999) as o`);
      await database.db.execute(sql`
        insert into ${schema.workspaces} (id, organization_id, name, plan_id, kubernetes_version, cpu_millicores, memory_mib, storage_gib, status)
        select 'ws_o' || lpad(((o - 1) * 100 + w)::text, 22, '0'), 'org_other' || lpad(o::text, 17, '0'), 'ws-' || w,
               'enterprise-shared', 'v1.35.4', 1000, 1024, 10, 'RUNNING'
        from generate_series(1, 999) as o, generate_series(1, 100) as w`);
      await database.db.execute(sql`analyze ${schema.workspaces}`);
      results.push(await measure("list 50 of an org's 100 (100,000 in the database)", small));

      const big = await createOrg("big");
      await seedWorkspaces(database, big, 100_000, "ws_b");
      await database.db.execute(sql`analyze ${schema.workspaces}`);
      results.push(await measure("list 50 of an org's 100,000 (200,000 in the database)", big));
      const deep = (await app.inject({ method: "GET", url: `/api/v1/organizations/${big}/workspaces?limit=100&sort=-createdAt`, headers })).json() as { nextCursor: string };
      results.push(await measure("a later page of the org's 100,000 (keyset cursor)", big, `limit=50&sort=-createdAt&cursor=${deep.nextCursor}`));
      return results;
    } finally {
      await close();
      await cache.close();
      await database.destroy();
    }
  },
};

/**
 * Permission evaluation for a user deep in a large group tree: 1,000 groups nested 10 levels,
 * one binding per group, the user in the deepest group (so every ancestor's bindings apply).
 * Pure, in memory: the database part is one recursive query, measured by the API figures.
 */
export const permissionEvaluation: BenchSuite = {
  name: "permission-evaluation",
  description: "what a user may do, and can-i, in a tree of 1,000 groups 10 deep",
  async run() {
    const tree = buildSyntheticGroupTree({ groups: 1_000, depth: 10 });
    const subject = { kind: "user" as const, id: tree.userId };
    const evaluate = await sampleMs(async () => evaluatePermissions(tree.world, { subject, projectId: tree.projectId }), 2_000);
    const can = await sampleMs(async () => canI(tree.world, { subject, projectId: tree.projectId, request: { verb: "create", apiGroup: "apps", resource: "deployments" } }), 2_000);
    return [
      summarize(`evaluate permissions (${tree.stats.groups} groups, depth ${tree.stats.depth}, ${tree.stats.bindings} bindings)`, evaluate),
      summarize("can-i: create deployments in the deepest project", can),
    ];
  },
};
