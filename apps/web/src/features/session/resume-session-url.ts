import { safeReturnPath } from "./safe-return-path";

export const RESUME_SESSION_PATH = "/session/resume";

/** The page that renews an expired access token in the browser, then returns to `returnPath`. */
export function resumeSessionUrl(returnPath: string): string {
  const next = safeReturnPath(returnPath);
  if (!next || next.startsWith(RESUME_SESSION_PATH) || next.startsWith("/sign-in")) return RESUME_SESSION_PATH;
  return `${RESUME_SESSION_PATH}?${new URLSearchParams({ next }).toString()}`;
}
