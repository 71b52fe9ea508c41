import { safeReturnPath } from "./safe-return-path";

/** Why the console sent someone to sign in, shown there as a notice. */
export type SignInReason = "session_expired" | "signed_out";

/** `/sign-in?next=<path>`, so the user lands back where they were after signing in. */
export function signInUrl(returnPath: string | null | undefined, reason?: SignInReason): string {
  const params = new URLSearchParams();
  const next = safeReturnPath(returnPath);
  if (next && !next.startsWith("/sign-in") && !next.startsWith("/session/")) params.set("next", next);
  if (reason) params.set("error", reason);
  const query = params.toString();
  return query ? `/sign-in?${query}` : "/sign-in";
}
