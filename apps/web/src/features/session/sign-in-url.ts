import { safeReturnPath } from "./safe-return-path";

/** `/sign-in?next=<path>`, so the user lands back where they were after signing in. */
export function signInUrl(returnPath: string | null | undefined): string {
  const next = safeReturnPath(returnPath);
  if (!next || next.startsWith("/sign-in")) return "/sign-in";
  return `/sign-in?${new URLSearchParams({ next }).toString()}`;
}
