/**
 * Where a browser may be sent after sign-in: a path on the dashboard's own origin. Anything that
 * could leave the origin (`//evil.example`, `/\evil`, `https://…`, control characters) falls back
 * to the dashboard, so the sign-in endpoint can never be used as an open redirect.
 */
export function safeReturnPath(candidate: unknown): string {
  if (typeof candidate !== "string" || candidate.length === 0 || candidate.length > 2048) return "/dashboard";
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return "/dashboard";
  if ([...candidate].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return "/dashboard";
  return candidate;
}

/**
 * A CLI's loopback redirect (RFC 8252 §7.3): http on 127.0.0.1 or [::1] with an explicit port.
 * `localhost` is refused because it can resolve elsewhere.
 */
export function isLoopbackRedirect(candidate: unknown): candidate is string {
  if (typeof candidate !== "string") return false;
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "[::1]") && url.port !== "" && !url.username && !url.password && !url.hash;
  } catch {
    return false;
  }
}
