import { signInTestUser, type SignedInTestUser } from "../../src/testing/signed-in-user";
import type { TestServer } from "../../src/testing/embedded-server";

export type LiveUser = SignedInTestUser;

/** A user with a live session on `server`'s services (any replica sharing them accepts the token). */
export const signedInUser = (server: TestServer, name: string): Promise<LiveUser> => signInTestUser(server, name, { userAgent: "live-test" });
