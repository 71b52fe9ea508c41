import { randomBytes } from "node:crypto";
import { newId, schema } from "@hks/db";
import type { TestServer } from "./embedded-server";

export interface SignedInTestUser {
  userId: string;
  email: string;
  deviceId: string;
  accessToken: string;
  sessionId: string;
  /** Bearer token and device header, as the CLI sends them. */
  headers: Record<string, string>;
}

/**
 * A new user with a live session started directly through the session service (no identity
 * provider), for tests and benchmarks. Any replica sharing the server's services accepts the token.
 */
export async function signInTestUser(server: Pick<TestServer, "deps">, name: string, options: { userAgent?: string } = {}): Promise<SignedInTestUser> {
  const { identity, database } = server.deps;
  const userAgent = options.userAgent ?? "hks-test";
  const email = `${name}-${randomBytes(3).toString("hex")}@example.com`;
  const [user] = await database.db.insert(schema.users).values({ id: newId("user"), email, displayName: name }).returning();
  if (!user) throw new Error("user insert failed");
  const deviceId = `device-${randomBytes(8).toString("hex")}`;
  const origin = { ipAddress: "127.0.0.1", userAgent, requestId: null };
  const { session, refreshToken } = await identity.sessions.start({ userId: user.id, provider: "test", client: "cli", deviceId, ip: "127.0.0.1", userAgent }, origin);
  const tokens = await identity.tokens.pairFor({ userId: user.id, email }, session, refreshToken, "127.0.0.1");
  return {
    userId: user.id,
    email,
    deviceId,
    accessToken: tokens.accessToken,
    sessionId: session.id,
    headers: { authorization: `Bearer ${tokens.accessToken}`, "x-hks-device-id": deviceId },
  };
}
