import { randomBytes } from "node:crypto";
import { createRedisCache } from "@hks/cache";
import { createTestDatabase, type TestDatabase } from "@hks/db/testing";
import type { Queue } from "@hks/queue";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { createTaskRunner, RetryLater } from "../../src/tasks/task-runner";
import { signInTestUser } from "../../src/testing/signed-in-user";
import { buildTestServer, type TestServer } from "../../src/testing/embedded-server";

export interface SignedInUser {
  userId: string;
  email: string;
  /** Bearer token and device header, as the CLI sends them. */
  headers: Record<string, string>;
}

export interface TenancyTestbed {
  server: TestServer;
  app: FastifyInstance;
  database: TestDatabase;
  /** Creates a user with a live session and returns how to call the API as them. */
  user(name: string): Promise<SignedInUser>;
  /** inject() as a user; JSON bodies, throws on 5xx so a crash never passes as a refusal. */
  call(user: SignedInUser | undefined, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Runs one task to its end in this process, as a worker would (no queue, no retries delay). */
  runTask(taskId: string): Promise<void>;
  close(): Promise<void>;
}

/** The platform on real PostgreSQL and Redis, with users signed in directly through the session service. */
export async function startTenancyTestbed(env: Record<string, string> = {}, options: { queue?: Queue } = {}): Promise<TenancyTestbed> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error("REDIS_URL is not set: run integration tests through `npm test`");
  const database = await createTestDatabase();
  const cache = createRedisCache({ url: redisUrl, keyPrefix: `hks-test-${randomBytes(4).toString("hex")}:` });
  const server = await buildTestServer({
    database,
    cache,
    ...(options.queue ? { queue: options.queue } : {}),
    env: { HKS_RATE_LIMIT_WRITE_PER_MINUTE: "100000", HKS_RATE_LIMIT_READ_PER_MINUTE: "100000", ...env },
  });
  const { identity } = server.deps;

  return {
    server,
    app: server.app,
    database,
    async user(name) {
      const { userId, email, headers } = await signInTestUser(server, name, { userAgent: "tenancy-test" });
      return { userId, email, headers };
    },
    async call(user, options) {
      const response = await server.app.inject({ ...options, headers: { ...(user?.headers ?? {}), ...(options.headers ?? {}) } });
      if (response.statusCode >= 500) throw new Error(`${options.method} ${options.url} answered ${response.statusCode}: ${response.body}`);
      return response;
    },
    async runTask(taskId) {
      const run = createTaskRunner({ db: database.db, registry: server.deps.tasks.registry, audit: identity.audit, logger: server.deps.logger });
      for (let delivery = 1; delivery <= 10; delivery += 1) {
        try {
          await run({ subject: "work.tasks", payload: { taskId }, messageId: undefined, deliveryCount: delivery });
          return;
        } catch (error) {
          if (!(error instanceof RetryLater)) throw error;
        }
      }
    },
    async close() {
      await server.close();
      await cache.close();
      await database.destroy();
    },
  };
}
