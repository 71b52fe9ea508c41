import { randomBytes } from "node:crypto";
import { newId, schema } from "@hks/db";
import type { TestServer } from "../../src/testing/embedded-server";
import type { SignedInUser } from "../tenancy/tenancy-testbed";

export interface LiveUser extends SignedInUser {
  deviceId: string;
  accessToken: string;
  sessionId: string;
}

/** A user with a live session on `server`'s services (any replica sharing them accepts the token). */
export async function signedInUser(server: TestServer, name: string): Promise<LiveUser> {
  const { identity } = server.deps;
  const origin = { ipAddress: "127.0.0.1", userAgent: "live-test", requestId: null, deviceId: undefined };
  const email = `${name}-${randomBytes(3).toString("hex")}@example.com`;
  const [user] = await server.deps.database.db.insert(schema.users).values({ id: newId("user"), email, displayName: name }).returning();
  if (!user) throw new Error("user insert failed");
  const deviceId = `device-${randomBytes(8).toString("hex")}`;
  const { session, refreshToken } = await identity.sessions.start({ userId: user.id, provider: "test", client: "cli", deviceId, ip: "127.0.0.1", userAgent: "live-test" }, origin);
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
