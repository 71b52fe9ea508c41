/**
 * What the web server passes on when it asks the API something on the browser's behalf (the
 * session gate, server-rendered pages).
 *
 * The API binds a session's tokens to the device cookie and, by default, to the client address
 * (`HKS_FINGERPRINT=device+ip`), and it revokes a session whose token shows up from another
 * client. The browser's own API calls reach the API through Next's rewrites, which pass the
 * request's headers on unchanged (Next's rewrite proxy does not add an `x-forwarded-for` of its
 * own). So a server-side call must present the same `cookie`, `user-agent` and `x-forwarded-for`
 * the browser's request carried: then the API resolves the same client for both paths, whether
 * or not a load balancer in front added `x-forwarded-for`.
 */
const forwardedHeaderNames = ["cookie", "user-agent", "x-forwarded-for"] as const;

export function forwardedClientHeaders(incoming: Pick<Headers, "get">): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const name of forwardedHeaderNames) {
    const value = incoming.get(name);
    if (value) forwarded[name] = value;
  }
  return forwarded;
}
