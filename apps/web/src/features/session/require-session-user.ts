import { redirect } from "next/navigation";
import type { SessionUser } from "@hks/contracts";
import { getSessionUser } from "./get-session-user";

/**
 * The signed-in user, for server components inside the console.
 *
 * `src/proxy.ts` has already turned signed-out requests away (with `?next=`), so null here means
 * the session ended in the instant since; sign-in without a return path is good enough for that.
 */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (user) return user;
  redirect("/sign-in");
}
